#!/usr/bin/env bash
# Runs every test of every module against real valkey-server processes (installed if missing).
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-valkey.sh
exec mvn -B -ntp verify "$@"
