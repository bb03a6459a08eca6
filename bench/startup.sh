#!/usr/bin/env bash
# Startup time to the first 200 and idle RSS of the modular host with no plugins (Release build).
# Usage: bench/startup.sh [runs]   (default 5; every wait is bounded)
# The full benchmark suite against nginx, Caddy and bare Kestrel is issue 6; this is its first scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
out=artifacts/bench/modular
port=18080
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet publish core/Modular.Host -c Release -o "$out" -nologo -v quiet >/dev/null

for run in $(seq 1 "$runs"); do
  rm -rf "$work/WebFolder"
  start=$(date +%s%N)
  (cd "$work" && exec dotnet "$OLDPWD/$out/modular.dll" --HTTPPort "$port" --IPAddressToListen 127.0.0.1 --plugins "" >/dev/null 2>&1) &
  pid=$!
  code=000
  for _ in $(seq 1 2000); do   # at most 2000 polls (~20 s)
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" || true)
    [ "$code" = 200 ] && break
    sleep 0.01
  done
  ready=$(date +%s%N)
  [ "$code" = 200 ] || { echo "run $run: no 200 within 20 s" >&2; exit 1; }
  sleep 2
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  printf 'run %d: first 200 after %d ms, idle RSS %d MiB\n' "$run" $(((ready - start) / 1000000)) $((rss / 1024))
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done
