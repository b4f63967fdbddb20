#!/usr/bin/env bash
# Builds a small local Docker image from the installed valkey binaries, for the Testcontainers
# tests on machines that cannot pull from public registries: valkey-server (also run as
# valkey-sentinel) and valkey-cli plus the shared libraries ldd lists, in a tar that
# `docker import` turns into an image (~18 MB) whose entrypoint is valkey-server, like the
# official valkey/valkey image takes `--option value ...` or `<file>.conf` as its command.
# Prints the image name on stdout. Usage: scripts/build-valkey-image.sh [image-name]
# (default valkey-cache/valkey:local, the image this project's container tests run unless
# VALKEY_CACHE_TEST_IMAGE names another).
set -euo pipefail

server=$(command -v valkey-server || true)
cli=$(command -v valkey-cli || true)
if [ -z "$server" ] || [ -z "$cli" ]; then
  echo "valkey-server and valkey-cli must be installed (scripts/install-valkey.sh)" >&2
  exit 1
fi
version=$("$server" --version | sed -n 's/.* v=\([0-9.]*\).*/\1/p')
image=${1:-valkey-cache/valkey:local}

# An image of that name built from the same binaries is reused: its label carries their checksum.
digest=$(cat "$(readlink -f "$server")" "$(readlink -f "$cli")" "$0" | sha256sum | cut -c1-16)
if [ "$(docker image inspect --format '{{ index .Config.Labels "org.valkeycache.binaries" }}' "$image" 2>/dev/null)" = "$digest" ]; then
  echo "$image"
  exit 0
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/usr/bin" "$stage/data" "$stage/tmp"
chmod 1777 "$stage/tmp"
chmod 0777 "$stage/data"
# copies of the real files (the Debian binaries are symlinks to valkey-check-rdb; the name it
# is started as picks server or sentinel mode)
cp -L "$server" "$stage/usr/bin/valkey-server"
ln -s valkey-server "$stage/usr/bin/valkey-sentinel"
cp -L "$cli" "$stage/usr/bin/valkey-cli"
# every shared library, under the path the dynamic loader looks it up by
for lib in $(ldd "$server" "$cli" | awk '/=> \// { print $3 } /^[[:space:]]*\/.*ld-linux/ { print $1 }' | sort -u); do
  mkdir -p "$stage$(dirname "$lib")"
  cp -L "$lib" "$stage$lib"
done

old=$(docker image inspect --format "{{.Id}}" "$image" 2>/dev/null || true)
tar -C "$stage" -c . | docker import \
  --change 'ENTRYPOINT ["/usr/bin/valkey-server"]' \
  --change 'WORKDIR /data' \
  --change "LABEL org.valkeycache.binaries=$digest" \
  --message "valkey ${version} from $(readlink -f "$server")" \
  - "$image" >/dev/null
# the image this one replaces would linger untagged
[ -z "$old" ] || docker rmi "$old" >/dev/null 2>&1 || true
echo "$image"
