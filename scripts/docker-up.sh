#!/usr/bin/env bash
# Makes a Docker daemon available for the Testcontainers tests: installs Debian's docker.io when
# dockerd is missing, and, unless a daemon already answers, starts one in the background with
# host networking in mind: no bridge, no iptables or IP forwarding changes (containers run with
# --network host and listen on 127.0.0.1 only). A daemon it started is recorded in
# $VALKEY_CACHE_DOCKERD_PIDFILE, and scripts/docker-down.sh stops it again.
set -euo pipefail

PIDFILE=${VALKEY_CACHE_DOCKERD_PIDFILE:-/tmp/valkey-cache-dockerd.pid}
LOG=${VALKEY_CACHE_DOCKERD_LOG:-/tmp/valkey-cache-dockerd.log}

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
fi

if docker info >/dev/null 2>&1; then
  exit 0   # a daemon runs already (ours or the system's): use it, leave it alone
fi
if [ "$SUDO" = none ]; then
  echo "No Docker daemon answers and this user cannot start one (not root, no sudo)." >&2
  echo "Start Docker, or run the tests as root." >&2
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
  echo "Installing docker.io..."
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q docker.io
fi

echo "Starting dockerd (no bridge, no iptables); log in $LOG"
# setsid: the daemon must not get the terminal's signals; the pid written is dockerd's own
$SUDO setsid dockerd --bridge=none --iptables=false --ip-forward=false \
  --pidfile "$PIDFILE" >"$LOG" 2>&1 < /dev/null &
for _ in $(seq 1 60); do
  if $SUDO docker info >/dev/null 2>&1; then
    [ -z "$SUDO" ] || $SUDO chmod 0666 /var/run/docker.sock   # the tests run as this user
    exit 0
  fi
  sleep 0.5
done
echo "dockerd did not answer within 30 s; its log:" >&2
tail -n 40 "$LOG" >&2
exit 1
