#!/usr/bin/env bash
# Removes every container the valkey-cache fixtures started (label org.valkeycache.fixture), then
# stops the Docker daemon if scripts/docker-up.sh started it. Safe to run more than once.
set -uo pipefail

PIDFILE=${VALKEY_CACHE_DOCKERD_PIDFILE:-/tmp/valkey-cache-dockerd.pid}
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

if docker info >/dev/null 2>&1; then
  leftovers=$(docker ps -aq --filter label=org.valkeycache.fixture)
  if [ -n "$leftovers" ]; then
    echo "Removing $(echo "$leftovers" | wc -l) leftover fixture container(s)"
    docker rm -f $leftovers >/dev/null
  fi
fi

if [ -f "$PIDFILE" ]; then
  pid=$(cat "$PIDFILE")
  if kill -0 "$pid" 2>/dev/null || $SUDO kill -0 "$pid" 2>/dev/null; then
    $SUDO kill -TERM "$pid"
    for _ in $(seq 1 40); do
      $SUDO kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
  fi
  $SUDO rm -f "$PIDFILE"
fi
exit 0
