#!/usr/bin/env bash
# Server CPU time per request, for differences of a few percent that req/s on this shared VM cannot show (its runs differ by
# 10-30 %): each server's task-clock (perf stat) over a bounded wrk run, divided by the requests served. The thread pool's
# idle spinning is turned off for every .NET server (DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0), so that waiting for the
# next request is not counted as work.
# For plugins and debuglog, also where the CPU goes, as shares of perf samples: ratios within one process and one run, which
# the VM's neighbours move far less than they move CPU per request. plugins: the every-plugin servers' share in the plugin
# system's code; debuglog: the spans' and the debug log's parts (span start and stop, recording, the exporter's JSON and file).
# Usage: bench/cpu.sh plugins|proxy|debuglog [rounds]   (default 3 rounds of 4 s, interleaved; run bench/run.sh once first,
#        or set BENCH_REUSE_BUILD=0 to build)
set -euo pipefail
cd "$(dirname "$0")/.."
comparison=${1:?usage: bench/cpu.sh plugins|proxy|debuglog [rounds]}
rounds=${2:-3}
seconds=4
connections=16
source bench/lib/servers.sh
source bench/lib/measure.sh
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0

# The perf maps of every running server (each process writes one when DOTNET_PerfMapEnabled is set), then the servers.
remove_perf_maps() {
  local name pid
  for name in $(running_servers); do
    for pid in $(server_pids "$name"); do rm -f "/tmp/perf-$pid.map"; done
  done
}
trap 'remove_perf_maps; stop_all' EXIT
trap 'exit 130' INT TERM HUP
install_missing wrk curl pgrep perf
BENCH_REUSE_BUILD=${BENCH_REUSE_BUILD:-1} build_all
prepare_content

path=/1k.html
# JIT-compiled code named for perf (a map file per process, removed at the end), on both sides of each pair alike; W^X
# (write-xor-execute, .NET's default) off with it, which can make a server here cheaper than it runs by default (debugLog 1
# by 1.6 µs per request in one interleaved run, by nothing measurable in a later one), hence said in the output.
case $comparison in plugins|debuglog) export DOTNET_PerfMapEnabled=3 DOTNET_EnableWriteXorExecute=0 ;; esac
source bench/lib/fleet.sh
case $comparison in
  plugins) measured=(modular modular-plugins modular-cached modular-cached-plugins) ;;
  proxy) path=/api/hello; measured=(kestrel-yarp modular-proxy) ;;
  debuglog) measured=(modular-cached modular-spans modular-debuglog1) ;;
  *) echo "bench/cpu.sh: '$comparison' is not one of plugins, proxy, debuglog" >&2; exit 2 ;;
esac
started "${measured[@]}"
# measured_run NAME: sets run to the bounded wrk command whose requests are measured against server NAME, and pids to
# NAME's processes as perf's -p takes them.
measured_run() {
  run=(timeout $((seconds + 30)) wrk -t1 -c"$connections" -d"${seconds}s" "http://127.0.0.1:${server_port[$1]}$path")
  pids=$(server_pids "$1" | paste -sd,)
}

# 10 s of warm-up each: under load the JIT keeps compiling (tiering up) for about that long (its perf map grows until then),
# which would otherwise be counted in the first rounds and samples.
for server in "${measured[@]}"; do seconds=10 load "$server" "$path" >/dev/null; done
declare -A per_request
for round in $(seq 1 "$rounds"); do
  for server in "${measured[@]}"; do
    measured_run "$server"
    stat=$(mktemp)
    out=$(perf stat -e task-clock -p "$pids" -o "$stat" -- "${run[@]}")
    requests=$(awk '/requests in/ { print $1 }' <<<"$out")
    per_request[$server]+=" $(awk -v n="$requests" '/task-clock/ { gsub(",", "", $1); printf "%.1f", $1 * 1000 / n }' "$stat")"
    rm -f "$stat"
    echo "bench: $comparison, $server, round $round of $rounds:${per_request[$server]##* } µs/request"
  done
done
echo
# Each server against the one it differs from by one thing.
declare -A base_of=([modular-plugins]=modular [modular-cached-plugins]=modular-cached [modular-spans]=modular-cached
  [modular-debuglog1]=modular-cached [modular-proxy]=kestrel-yarp)
[ "${DOTNET_EnableWriteXorExecute:-1}" = 0 ] && echo "(W^X off for perf's JIT maps: with .NET's default, W^X on, a request can cost more)"
echo "| server | CPU µs per request (median of $rounds) | against | ratio |"
echo "|---|---:|---|---:|"
for server in "${measured[@]}"; do
  # shellcheck disable=SC2086 # the lists are split on purpose
  value=$(median ${per_request[$server]})
  base=${base_of[$server]:-}
  if [ -n "$base" ]; then
    # shellcheck disable=SC2086
    echo "| $server | $value | $base | $(ratio "$value" "$(median ${per_request[$base]})") |"
  else
    echo "| $server | $value | | |"
  fi
done

# samples NAME flat|stacks: perf samples of server NAME over one more bounded run, as text: a report of the share of samples
# per function (flat), or each sample's call stack (stacks, perf script), read while the perf maps that name JIT code exist.
samples() {
  local data run pids
  measured_run "$1"
  data=$(mktemp)
  perf record -q -F 999 $([ "$2" = stacks ] && echo -g) -p "$pids" -o "$data" -- "${run[@]}" >/dev/null 2>&1
  if [ "$2" = stacks ]; then
    perf script -i "$data" 2>/dev/null
  else
    perf report -i "$data" --no-children --sort sym --stdio -g none -F overhead,sym 2>/dev/null
  fi
  rm -f "$data"
}

case $comparison in
  plugins)
    # The percentage of the every-plugin servers' samples in the plugin system's code: the plugins' own assemblies, the
    # core's CharsetDeclaration (in the pipeline only when plugins are loaded) and Kestrel's running of the
    # response-starting callback it registers.
    echo
    echo "| server | share of CPU samples in the plugin system's code |"
    echo "|---|---:|"
    for server in modular-plugins modular-cached-plugins; do
      share=$(samples "$server" flat |
        awk '/\[Modular\.Plugins\.|CharsetDeclaration|FireOnStarting/ { gsub("%", "", $1); total += $1 } END { printf "%.2f", total }')
      echo "| $server | $share % |"
    done ;;
  debuglog)
    # Each part's share of the samples, counting a sample once when any frame of its stack is in the part (call graphs), and
    # that share of the server's median CPU per request. The exporter's thread writes the file: its JSON and its write
    # system calls are parts of it. A part is "name|frames", frames being names to look for, apart by ';'.
    parts=("span start (ASP.NET Core's activity, OpenTelemetry's instrumentation)|HostingApplicationDiagnostics::StartActivity"
      "span stop (tags, the exporter's queue)|HostingApplicationDiagnostics::StopActivity"
      "debug log recording (lines, headers, peer)|DebugLogRecorder::RecordRequest;DebugLogRecorder::RecordResponse"
      "exporter thread, all|BatchExportWorker\`1[System.__Canon]::PerformExport"
      "exporter: JSON lines|SpanJson::Write("
      "exporter: file writes (kernel)|vfs_write")
    patterns=$(printf '%s\n' "${parts[@]}" | cut -d'|' -f2- | paste -sd'\t')
    declare -A shares
    for server in modular-spans modular-debuglog1; do
      shares[$server]=$(samples "$server" stacks | awk -v patterns="$patterns" '
        BEGIN { RS = ""; n = split(patterns, part, "\t") }
        {
          samples++
          for (i = 1; i <= n; i++) {
            k = split(part[i], frames, ";")
            for (j = 1; j <= k; j++) if (index($0, frames[j])) { hits[i]++; break }
          }
        }
        END { for (i = 1; i <= n; i++) printf "%.4f ", (samples ? hits[i] / samples : 0) }')
    done
    echo
    echo "| part | modular-spans: share of samples | µs per request | modular-debuglog1: share of samples | µs per request |"
    echo "|---|---:|---:|---:|---:|"
    # shellcheck disable=SC2086 # the lists are split on purpose
    spans_us=$(median ${per_request[modular-spans]}) debuglog_us=$(median ${per_request[modular-debuglog1]})
    read -ra spans_shares <<<"${shares[modular-spans]}"
    read -ra debuglog_shares <<<"${shares[modular-debuglog1]}"
    for i in "${!parts[@]}"; do
      awk -v part="${parts[$i]%%|*}" -v a="${spans_shares[$i]}" -v b="${debuglog_shares[$i]}" -v ua="$spans_us" -v ub="$debuglog_us" \
        'BEGIN { printf "| %s | %.1f %% | %.1f | %.1f %% | %.1f |\n", part, a * 100, a * ua, b * 100, b * ub }'
    done ;;
esac
