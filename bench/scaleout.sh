#!/usr/bin/env bash
# Scale-out: requests per second through the front instance of deploy/compose.yaml with two back instances, then with one.
# Usage: bench/scaleout.sh [seconds] [rounds]   (defaults 10 and 3; the median of each is kept; every wait is bounded)
# Two pages: the static home page, and a session read (sessions in Redis), each through the front's YARP.
# Needs the Docker engine, the local base image and Compose v2 (build/test-prerequisites.sh installs them) and builds the image.
# Prints the figures and writes bench/results/scaleout.md. On a machine with few cores the instances share them: see the cores line.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
rounds=${2:-3}
source bench/lib/servers.sh
install_missing wrk curl
build/docker-engine.sh
build/base-image.sh modular-base:bookworm
deploy/build-image.sh modular:bench modular-base:bookworm

export MODULAR_IMAGE=modular:bench REDIS_IMAGE=modular-base:bookworm FRONT_ADDRESS=127.0.0.1:18050
project=modular-bench
plugin=$PWD/artifacts/test-plugins/sessionapp
[ -d "$plugin" ] || dotnet build tests/Fixtures/Plugins/sessionapp -c Release -nologo -v quiet >/dev/null
override=$(mktemp)
cat > "$override" <<YAML
services:
  back1: { volumes: ["$plugin:/opt/modular/plugins/sessionapp:ro"], environment: { MODULAR_plugins: "sessions,compression,sessionapp" } }
  back2: { volumes: ["$plugin:/opt/modular/plugins/sessionapp:ro"], environment: { MODULAR_plugins: "sessions,compression,sessionapp" } }
YAML
compose() { timeout 180 docker-compose -p $project -f deploy/compose.yaml -f "$override" "$@"; }
trap 'compose down --volumes --timeout 5 >/dev/null 2>&1 || true; rm -f "$override"' EXIT
compose up --detach --wait --wait-timeout 120 >/dev/null 2>&1

front=http://$FRONT_ADDRESS
cookie=$(curl -s -D - -o /dev/null "$front/session/set?key=cart&value=books" | awk -F'[ ;]' 'tolower($1) == "set-cookie:" { print $2 }')
[ -n "$cookie" ] || { echo "bench: no session cookie from the front"; exit 1; }

# rps PATH: the median requests per second of $rounds wrk runs.
rps() {
  local all=()
  for _ in $(seq 1 "$rounds"); do
    all+=("$(timeout $((seconds + 30)) wrk -t2 -c32 -d"${seconds}s" --timeout 5s -H "Cookie: $cookie" "$front$1" | awk '/^Requests\/sec:/ { print $2 }')")
  done
  printf '%s\n' "${all[@]}" | sort -g | awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] }'
}
# served_by: which back instances answer now (the front's health checks decide).
served_by() { for _ in 1 2 3 4; do curl -s -D - -o /dev/null -H "Cookie: $cookie" "$front/session/get?key=cart" | awk 'tolower($1) == "x-served-by:" { print $2 }'; done | tr -d '\r' | sort -u | xargs; }

for _ in $(seq 1 50); do [ "$(served_by)" = "back1 back2" ] && break; sleep 0.2; done   # at most 10 s
# Warm-up, unrecorded: the JIT and the connection pools of every instance, or the first figures measure compilation.
rounds=1 rps / >/dev/null
rounds=1 rps /session/get?key=cart >/dev/null
two_by=$(served_by)
two_page=$(rps /)
two_session=$(rps /session/get?key=cart)
compose stop --timeout 35 back2 >/dev/null 2>&1
for _ in $(seq 1 50); do [ "$(served_by)" = "back1" ] && break; sleep 0.2; done
one_by=$(served_by)
one_page=$(rps /)
one_session=$(rps /session/get?key=cart)

cores=$(nproc)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
report=$(cat <<TABLE
Scale-out through the front instance (deploy/compose.yaml), $(date -u +%Y-%m-%d), $cores cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
wrk -t2 -c32 -d${seconds}s, median of $rounds; the front, the back instances, Redis and wrk share the same $cores cores.

| page | two back instances ($two_by) | one back instance ($one_by) | two / one |
|---|---|---|---|
| static home page / | $two_page req/s | $one_page req/s | $(ratio "$two_page" "$one_page") |
| session read /session/get (Redis) | $two_session req/s | $one_session req/s | $(ratio "$two_session" "$one_session") |
TABLE
)
echo "$report"
mkdir -p bench/results
echo "$report" > bench/results/scaleout.md
