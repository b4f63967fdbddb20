#!/usr/bin/env bash
# Builds the project and runs the demo. The demo starts its own valkey-server on a free loopback
# port unless given one: ./run-demo.sh --location valkey://127.0.0.1:6379
set -euo pipefail
cd "$(dirname "$0")"
export RUST_LOG="${RUST_LOG:-error}"   # glide's native logger: see README, Performance
scripts/install-valkey.sh
mvn -B -ntp -q -DskipTests install
exec mvn -B -ntp -q -pl demo exec:java -Dexec.args="$*"
