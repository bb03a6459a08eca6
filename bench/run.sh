#!/usr/bin/env bash
# One command: Modular against nginx, Caddy and bare Kestrel, measured in the same run on loopback.
# Usage: bench/run.sh [seconds per load run]   (default 10; every load and wait is bounded)
#        BENCH_ROUNDS=N (default 3) interleaved rounds per scenario, of which the median is kept;
#        BENCH_PAIRED_ROUNDS=N (default 10) paired rounds for the plugin system's cost;
#        BENCH_ONLY="NAME" runs scenario NAME alone (with its paired ratio and bench/cpu.sh comparison, if it has them) and
#        writes bench/results/only.md instead of latest.md.
# Prints the table and writes bench/results/latest.md (the previous result moves to previous.md), ending with
# bench/cpu.sh plugins and debuglog (their costs as CPU per request and as shares of the CPU samples).
# Add a scenario: one `scenario` line at the bottom naming its path and the servers it compares (each defined once, by name,
# in bench/lib/fleet.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
rounds=${BENCH_ROUNDS:-3}
warmup_seconds=3
connections=64
source bench/lib/servers.sh
source bench/lib/measure.sh

# Stop every server whatever happens; an interruption ends the run instead of resuming it.
trap stop_all EXIT
trap 'exit 130' INT TERM HUP
install_missing wrk nginx caddy curl pgrep redis-server redis-cli
build_all
prepare_content

# Every server, by name; each starts when the first scenario that measures it does.
source bench/lib/fleet.sh

#        name            path         servers compared (the first modular-* rows get ratios)
scenario "static 1 KB"   /1k.html     nginx caddy kestrel ceiling modular modular-cached modular-plugins modular-cached-plugins
scenario "static 100 KB" /100k.html   nginx caddy kestrel ceiling modular modular-cached
# Compression level 1 everywhere (nginx gzip_comp_level 1, Caddy gzip 1, Kestrel's Fastest, Modular's default).
accept_encoding=gzip \
scenario "gzip 100 KB"   /page.html   nginx-gzip nginx-gzip-static caddy-gzip kestrel ceiling modular-plugins modular-cached-plugins
# Every proxy forwards to nginx answering from memory (nginx keeps 64 upstream connections alive).
expected_body=$work/run/upstream.body \
scenario "proxy"         /api/hello   nginx-proxy caddy-proxy kestrel-yarp modular-proxy modular-proxy-cached modular-proxy-plugins
# The HTTP debug log (spans written to HTTPDebugLog_nn.txt) against the same cached page without it; nginx's access log
# against none beside it, for what a request log costs the server people would otherwise pick.
scenario "debug log 1 KB" /1k.html    nginx nginx-log modular-cached modular-spans modular-debuglog1 modular-debuglog7
# One storage write and read per request in one session (its cookie on every request), against keepSession false.
expected_body=$work/run/session.body \
scenario "session read+write" "/session/echo?value=bench" modular-session-none modular-session-memory modular-session-redis

# Differences of a few percent (the plugin system's cost; Modular's proxy against bare YARP; the debug log) measured again
# paired on one core, where the VM's noise cancels out.
paired_rounds=${BENCH_PAIRED_ROUNDS:-10} paired_seconds=6
if selected "static 1 KB"; then
  paired_ratio plugins /1k.html modular modular-plugins
  paired_ratio plugins-cached /1k.html modular-cached modular-cached-plugins
fi
selected proxy && paired_ratio proxy /api/hello kestrel-yarp modular-proxy
selected "debug log 1 KB" && paired_ratio debuglog1 /1k.html modular-cached modular-debuglog1

[ -z "${BENCH_ONLY:-}" ] && startup_and_idle nginx caddy kestrel modular modular-plugins
report

# The plugin system's and the debug log's costs once more as server CPU per request and as shares of the CPU samples
# (bench/cpu.sh), which the VM's neighbours move far less than req/s; its servers take the ports of this run's, hence
# stopped first.
stop_all
declare -A cpu_caption=([plugins]="Plugin system cost as CPU" [debuglog]="Spans and debug log cost as CPU, and where it goes")
declare -A cpu_scenario=([plugins]="static 1 KB" [debuglog]="debug log 1 KB")
for comparison in plugins debuglog; do
  selected "${cpu_scenario[$comparison]}" || continue
  BENCH_REUSE_BUILD=1 bench/cpu.sh "$comparison" 3 | tee "$work/run/cpu-$comparison.txt"
  {
    echo
    echo "${cpu_caption[$comparison]} (bench/cpu.sh $comparison 3; perf task-clock over bounded wrk -t1 -c16 runs, thread-pool spinning off, W^X off for perf's JIT maps, which can make a figure lower than with .NET's default):"
    echo
    sed -n '/^|/,$p' "$work/run/cpu-$comparison.txt"
  } >> "$(results_file)"
done
