#!/usr/bin/env bash
# Installs valkey-server, valkey-sentinel and valkey-tools (8.0.1) from Debian bookworm-backports
# when valkey-server is not already on the PATH. The tests and the demo start their own server
# processes on free loopback ports; nothing is configured or started system-wide by us.
set -euo pipefail

if command -v valkey-server >/dev/null 2>&1 && command -v valkey-sentinel >/dev/null 2>&1; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "valkey-server is missing and this user cannot install packages (not root, no sudo)." >&2
    echo "Install valkey-server valkey-sentinel valkey-tools, or set VALKEY_SERVER to the binary." >&2
    exit 1
  fi
fi

if ! grep -qs 'bookworm' /etc/os-release; then
  echo "This script installs from Debian bookworm-backports; on another system install valkey-server 8.x" >&2
  echo "(with valkey-sentinel) by hand, then run this command again." >&2
  exit 1
fi

echo "Installing valkey-server from bookworm-backports..."
echo 'deb http://deb.debian.org/debian bookworm-backports main' | $SUDO tee /etc/apt/sources.list.d/bookworm-backports.list >/dev/null
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -t bookworm-backports valkey-server valkey-sentinel valkey-tools
valkey-server --version
