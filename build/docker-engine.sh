#!/usr/bin/env bash
# Makes a Docker engine answer on /var/run/docker.sock, installing it when missing; a second run reuses it.
# Testcontainers for .NET 4.x needs Docker API 1.44 or later: Debian 12's docker.io (20.10) is too old,
# so docker.io (with its CLI and buildx) comes from Debian 13 by name, pinned so nothing else is taken from there
# (../shared/notes/containers.md; '-t trixie' would upgrade libc and about 145 other packages).
set -euo pipefail

engine_answers() { timeout 5 docker version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; }

if engine_answers; then
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1 || [ ! -x /usr/libexec/docker/cli-plugins/docker-buildx ]; then
  echo "docker-engine: installing docker.io from Debian 13 (pinned)"
  if [ ! -f /etc/apt/sources.list.d/modular-trixie.sources ]; then
    cat > /etc/apt/sources.list.d/modular-trixie.sources <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
    cat > /etc/apt/preferences.d/modular-trixie <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker.io/trixie docker-cli/trixie docker-buildx/trixie >/dev/null
fi

# There is no systemd here: start the daemon ourselves and wait, bounded, for its socket.
if ! pgrep -x dockerd >/dev/null 2>&1; then
  echo "docker-engine: starting dockerd"
  mkdir -p /var/log
  # An engine stopped uncleanly leaves its pid file, and dockerd then refuses to start.
  rm -f /var/run/docker.pid
  nohup dockerd >/var/log/modular-dockerd.log 2>&1 &
fi
for _ in $(seq 1 60); do
  engine_answers && exit 0
  sleep 1
done
echo "docker-engine: dockerd did not answer within 60 s; see /var/log/modular-dockerd.log" >&2
tail -20 /var/log/modular-dockerd.log >&2 || true
exit 1
