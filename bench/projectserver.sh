#!/usr/bin/env bash
# Published projects: package build time and download throughput for a 50 MB project, on loopback.
# Usage: bench/projectserver.sh [rounds]   (default 3; the median is kept; every wait is bounded)
# Prints the figures and writes bench/results/projectserver.md. BENCH_REUSE_BUILD=1 skips the Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
service_port=18040
admin_port=18041
source bench/lib/servers.sh
install_missing curl
build_all

# The project: 25 MB of method sources (text, compressible) and 25 MB of binary resources (random, not), as a large
# 4D project with pictures would be; made once and kept, so rounds and runs package the same files.
project=$work/project50/Big
if [ ! -f "$project/Big.4DProject" ]; then
  rm -rf "$work/project50" && mkdir -p "$project/Sources/Methods" "$project/Resources/Images"
  echo '{ "version": "1" }' > "$project/Big.4DProject"
  for i in $(seq 1 500); do
    awk -v n="$i" 'BEGIN { for (l = 0; l < 880; l++) printf "  $total:=$total+Compute_%d(%d; \"line %d\")  // method %d\n", n, l * 7919 % 10007, l, n }' > "$project/Sources/Methods/method_$i.4dm"
  done
  for i in $(seq 1 50); do head -c 524288 /dev/urandom > "$project/Resources/Images/picture_$i.png"; done
fi
project_mb=$(find "$project" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s / 1048576 }')

log=$work/run/projectserver.log
mkdir -p "$work/run"
(exec setsid dotnet "$work/modular/modular.dll" --HTTPPort 18042 --IPAddressToListen 127.0.0.1 --rootFolder "$work/www" \
  --pluginsFolder "$work/plugins" --plugins projectserver --projects "$project" --publishingPort $service_port \
  --adminAddress 127.0.0.1:$admin_port >"$log" 2>&1) &
sid=$!
trap 'kill -TERM -- "-$sid" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q "Publishing Big on" "$log" && break; sleep 0.1; done   # at most 60 s
grep -q "Publishing Big on" "$log" || { echo "bench: the server did not publish; its log:"; tail -5 "$log"; exit 1; }

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
json() { sed -n "s/.*\"$1\":\\([^,}]*\\).*/\\1/p" | tr -d '"'; }

# Build time: a reload after one method changed packages the whole project again.
builds=()
for round in $(seq 1 "$rounds"); do
  echo "// round $round" >> "$project/Sources/Methods/method_1.4dm"
  curl -s -X POST "http://127.0.0.1:$admin_port/plugins/projectserver/projects/Big/reload" > /dev/null
  builds+=("$(curl -s "http://127.0.0.1:$admin_port/plugins/projectserver/projects" | json buildMilliseconds)")
done
build_ms=$(printf '%s\n' "${builds[@]}" | median)
package_bytes=$(curl -s "http://127.0.0.1:$admin_port/plugins/projectserver/projects" | json size)

# Download: one client at a time, then four at once (aggregate), each a connection of its own.
download() {
  local connection session package
  connection=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"userName":"bench"}' "http://127.0.0.1:$service_port/projects/Big/connections")
  session=$(echo "$connection" | json session)
  package=$(echo "$connection" | json package)
  curl -s -o /dev/null -H "Modular-Session: $session" -w '%{size_download} %{time_total}\n' --max-time 60 "http://127.0.0.1:$service_port$package"
  curl -s -X DELETE "http://127.0.0.1:$service_port/connections/$session" > /dev/null
}
singles=()
for round in $(seq 1 "$rounds"); do
  singles+=("$(download | awk '{ printf "%.0f", $1 / $2 / 1048576 }')")
done
single_mbs=$(printf '%s\n' "${singles[@]}" | median)
downloads=()
for i in 1 2 3 4; do download > "$work/run/download.$i" & downloads+=($!); done
wait "${downloads[@]}"
# The bytes of all four over the longest of their transfers (curl's own timing, without process starts and connects).
parallel_mbs=$(cat "$work/run"/download.[1-4] | awk '{ s += $1; if ($2 > t) t = $2 } END { printf "%.0f", s / t / 1048576 }')

report="# Published projects: a ${project_mb} MB project

$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), loopback; \`bench/projectserver.sh $rounds\`.

| figure | value |
|---|---:|
| project on disk | ${project_mb} MB (25 MB method text, 25 MB random pictures) |
| package (.4dz) | $((package_bytes / 1048576)) MB |
| package build (median of $rounds reloads) | ${build_ms} ms |
| download, one client (median of $rounds) | ${single_mbs} MB/s |
| download, four clients at once (aggregate) | ${parallel_mbs} MB/s |"
echo "$report"
mkdir -p bench/results
echo "$report" > bench/results/projectserver.md
