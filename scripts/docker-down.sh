#!/usr/bin/env bash
# Removes the containers the valkey-cache fixtures started in this run (label
# org.valkeycache.run=$VALKEY_CACHE_RUN_ID; every fixture container, label org.valkeycache.fixture,
# when no run id is set), then stops the Docker daemon if scripts/docker-up.sh started it and no
# other container still runs on it. Safe to run more than once.
set -uo pipefail

PIDFILE=${VALKEY_CACHE_DOCKERD_PIDFILE:-/tmp/valkey-cache-dockerd.pid}
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

if docker info >/dev/null 2>&1; then
  if [ -n "${VALKEY_CACHE_RUN_ID:-}" ]; then
    filter="label=org.valkeycache.run=$VALKEY_CACHE_RUN_ID"
  else
    filter="label=org.valkeycache.fixture"
  fi
  leftovers=$(docker ps -aq --filter "$filter")
  if [ -n "$leftovers" ]; then
    echo "Removing $(echo "$leftovers" | wc -l) leftover fixture container(s)"
    docker rm -fv $leftovers >/dev/null
  fi
fi

if [ -f "$PIDFILE" ]; then
  pid=$(cat "$PIDFILE")
  others=$(docker ps -q 2>/dev/null | wc -l)
  if [ "$others" -gt 0 ]; then
    echo "Leaving dockerd (pid $pid) running: $others container(s) of another run still use it" >&2
    exit 0
  fi
  if $SUDO kill -0 "$pid" 2>/dev/null; then
    $SUDO kill -TERM "$pid"
    for _ in $(seq 1 40); do
      $SUDO kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
  fi
  $SUDO rm -f "$PIDFILE"
fi
exit 0
