#!/usr/bin/env bash
# Installs what the tests and the demo need besides the JDK and Maven, when missing:
#  - valkey-server, valkey-sentinel and valkey-tools 8.0.1 from Debian bookworm-backports;
#  - the reference tools of the interop tests (python3, gzip, xz-utils, bzip2, lz4, zstd, brotli)
#    and openssl, which the TLS tests use to make a throw-away CA.
# Tests and the demo start their own server processes on free loopback ports; nothing is
# configured or started system-wide by us.
set -euo pipefail

TOOLS=(python3 gzip xz bzip2 lz4 zstd brotli openssl)
missing_tools() {
  for t in "${TOOLS[@]}"; do command -v "$t" >/dev/null 2>&1 || return 0; done
  return 1
}
have_valkey() {
  command -v valkey-server >/dev/null 2>&1 && command -v valkey-sentinel >/dev/null 2>&1
}

if have_valkey && ! missing_tools; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "valkey-server or a test tool is missing and this user cannot install packages (not root, no sudo)." >&2
    echo "Install valkey-server valkey-sentinel valkey-tools python3 xz-utils bzip2 lz4 zstd brotli," >&2
    echo "or set VALKEY_SERVER / VALKEY_SENTINEL to the binaries." >&2
    exit 1
  fi
fi

if ! grep -qs 'bookworm' /etc/os-release; then
  echo "This script installs from Debian bookworm(-backports); on another system install valkey-server 8.x" >&2
  echo "(with valkey-sentinel) and python3, xz-utils, bzip2, lz4, zstd, brotli by hand, then run this again." >&2
  exit 1
fi

echo 'deb http://deb.debian.org/debian bookworm-backports main' | $SUDO tee /etc/apt/sources.list.d/bookworm-backports.list >/dev/null
$SUDO apt-get update -q
if ! have_valkey; then
  echo "Installing valkey-server from bookworm-backports..."
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -t bookworm-backports valkey-server valkey-sentinel valkey-tools
fi
if missing_tools; then
  echo "Installing the interop test tools..."
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q python3 gzip xz-utils bzip2 lz4 zstd brotli openssl
fi
valkey-server --version
