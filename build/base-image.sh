#!/usr/bin/env bash
# Makes the local base image the tests build Modular's image on, when it is missing; a second run reuses it.
# No registry is reachable here, so the public runtime-deps image cannot be pulled: a minimal Debian 12
# root is made with debootstrap from Debian's mirror and imported (../shared/notes/containers.md).
set -euo pipefail
image=${1:-modular-base:bookworm}

if docker image inspect "$image" >/dev/null 2>&1; then
  exit 0
fi
if ! command -v debootstrap >/dev/null 2>&1; then
  echo "base-image: installing debootstrap"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

root=$(mktemp -d /tmp/modular-base.XXXXXX)
# debootstrap mounts /proc and /sys inside the root; a failed run may leave them mounted.
trap 'umount -R "$root/proc" "$root/sys" "$root/dev" 2>/dev/null || true; rm -rf --one-file-system "$root"' EXIT
echo "base-image: debootstrap bookworm into $root (about a minute)"
# What .NET's runtime-deps image holds: TLS roots, OpenSSL, ICU, zlib; curl and redis-server serve later tests.
debootstrap --variant=minbase --include=ca-certificates,libssl3,libicu72,zlib1g,curl,redis-server \
  bookworm "$root" http://deb.debian.org/debian >/dev/null
tar -C "$root" -c . | docker import - "$image" >/dev/null
echo "base-image: imported $image"
