#!/usr/bin/env bash
# Installs and starts what the test suite needs beyond the .NET SDK, when it is missing; a second run
# installs nothing and reuses the engine and images the first one made.
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test-prerequisites: the .NET SDK 10 (dotnet) is required and is not on PATH." >&2
  exit 1
fi

# The privileged-port tests run the server as 'nobody' in a network namespace of its own (and reach
# its admin API there with nsenter); the socket activation test starts it with systemd's own tool.
missing=()
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
command -v nsenter >/dev/null 2>&1 || missing+=(util-linux)
command -v systemd-socket-activate >/dev/null 2>&1 || missing+=(systemd)
command -v sysctl >/dev/null 2>&1 || missing+=(procps)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
# The CORS browser tests drive Debian's Chromium through Playwright (no browser download).
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The admin page is also tested in Debian's Firefox ESR, driven over its own WebDriver BiDi (Playwright needs its own Firefox build).
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
# The sessions plugin's Redis store is tested against Debian's redis-server, started by the tests themselves.
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test-prerequisites: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The integration tests run the server's image on a real Docker engine, on a locally built base.
"$(dirname "$0")/docker-engine.sh"
"$(dirname "$0")/base-image.sh" modular-base:bookworm

# The scale-out test brings up deploy/compose.yaml with Compose v2, and the Kubernetes manifests are rendered with kubectl:
# both from Debian 13 by name, under the pin docker-engine.sh set (Debian 12's docker-compose is v1, its kubectl 1.20).
later=()
docker-compose version --short 2>/dev/null | grep -q '^v\?2\.' || later+=(docker-compose/trixie)
command -v kubectl >/dev/null 2>&1 || later+=(kubectl/trixie)
if [ ${#later[@]} -gt 0 ]; then
  echo "test-prerequisites: installing ${later[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${later[@]}" >/dev/null
fi

# No reaper container (its image cannot be pulled here): leftovers of an interrupted run are removed by label.
docker ps -aq --filter label=modular.tests=true | xargs -r docker rm -f >/dev/null
docker network ls -q --filter label=modular.tests=true | xargs -r docker network rm >/dev/null
