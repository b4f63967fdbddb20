#!/usr/bin/env bash
# Runs every test of every module against real valkey-server processes (installed if missing);
# the testcontainers module's tests run the same servers in Docker: a daemon is installed
# (docker.io) and started when none answers, a small image is built from the installed valkey
# binaries (scripts/build-valkey-image.sh), and at the end the run's containers are removed and
# a daemon it started is stopped, whatever the outcome.
set -euo pipefail
cd "$(dirname "$0")"
export RUST_LOG="${RUST_LOG:-error}"   # glide's native logger: see README, Performance
scripts/install-valkey.sh
scripts/docker-up.sh
export VALKEY_CACHE_RUN_ID="run-$$-$(date +%s)"
trap 'scripts/docker-down.sh' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
VALKEY_CACHE_TEST_IMAGE=${VALKEY_CACHE_TEST_IMAGE:-$(scripts/build-valkey-image.sh)}
export VALKEY_CACHE_TEST_IMAGE
export TESTCONTAINERS_RYUK_DISABLED=true   # the reaper's image cannot be pulled; the fixture removes its containers
status=0
mvn -B -ntp verify "$@" || status=$?
# every container must be gone by now (removed on stop and at JVM exit); anything left is a fixture bug
left=$(docker ps -aq --filter "label=org.valkeycache.run=$VALKEY_CACHE_RUN_ID" | wc -l)
if [ "$left" -gt 0 ]; then
  echo "ERROR: the tests left $left container(s) behind" >&2
  status=1
fi
exit "$status"
