# Load runs, startup timing and the report of bench/run.sh.

declare -A result_rps result_p50 result_p99 result_peak
results=()   # "scenario|server" in the order measured
scenarios=()
declare -A scenario_servers=() startup_ms=() idle_mib=()

# wrk's latency in milliseconds, whatever unit it printed.
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.3f", n }'
}

# load NAME PATH: one bounded wrk run; prints "rps p50 p99".
load() {
  local port=${server_port[$1]} out
  out=$(timeout $((seconds + 30)) wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency ${accept_encoding:+-H "Accept-Encoding: $accept_encoding"} \
    ${server_header[$1]:+-H "${server_header[$1]}"} "http://127.0.0.1:$port$2")
  local rps p50 p99
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  echo "$rps $p50 $p99"
}

# selected NAME: whether scenario NAME (and what measures it again: its paired ratio, its bench/cpu.sh comparison) is run;
# BENCH_ONLY, when set, names the one scenario to run.
selected() { [ -z "${BENCH_ONLY:-}" ] || [ "$BENCH_ONLY" = "$1" ]; }

# The report's file: the full run's latest.md, or only.md for one scenario (BENCH_ONLY), which leaves latest.md as it was.
results_file() { if [ -n "${BENCH_ONLY:-}" ]; then echo bench/results/only.md; else echo bench/results/latest.md; fi; }

# median VALUE...: the middle value (the lower middle of an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# scenario NAME PATH SERVER...: checks each answer, warms each server up (a short unrecorded run: JIT, pools, caches), then
# $rounds interleaved rounds; keeps the median of each figure, so one disturbed run on a shared VM does not move the result.
# With accept_encoding=gzip set for the call, every request asks for gzip and every answer must be gzip.
scenario() {
  local name=$1 path=$2; shift 2
  selected "$name" || return 0
  started "$@"
  scenarios+=("$name")
  scenario_servers[$name]="$*"
  local ok=()
  for server in "$@"; do check_answer "$server" "$path" && ok+=("$server"); done
  declare -A all_rps all_p50 all_p99
  for server in "${ok[@]}"; do
    echo "bench: $name, $server, warm-up"
    seconds=$warmup_seconds load "$server" "$path" >/dev/null
    results+=("$name|$server")
  done
  for round in $(seq 1 "$rounds"); do
    for server in "${ok[@]}"; do
      echo "bench: $name, $server, round $round of $rounds"
      read -r rps p50 p99 < <(load "$server" "$path")
      all_rps[$server]+=" $rps"; all_p50[$server]+=" $p50"; all_p99[$server]+=" $p99"
    done
  done
  for server in "${ok[@]}"; do
    local key="$name|$server"
    # shellcheck disable=SC2086 # the lists are split on purpose
    result_rps[$key]=$(median ${all_rps[$server]} | awk '{ printf "%.0f", $1 }')
    # shellcheck disable=SC2086
    result_p50[$key]=$(median ${all_p50[$server]})
    # shellcheck disable=SC2086
    result_p99[$key]=$(median ${all_p99[$server]})
    result_peak[$key]=$(memory_mib "$server" VmHWM)
  done
}

# startup_and_idle SERVER...: restarts the servers in turn, $startup_rounds times (a slow moment of the VM then hits every
# server, not one); the median time to the first 200 of each, and its idle RSS 2 s after its last start.
startup_rounds=7
startup_and_idle() {
  declare -A times
  for _ in $(seq 1 $startup_rounds); do
    for server in "$@"; do
      stop_server "$server"
      local start end
      start=$(date +%s%N)
      started "$server"
      end=$(date +%s%N)
      times[$server]+=" $(((end - start) / 1000000))"
    done
  done
  sleep 2
  for server in "$@"; do
    # shellcheck disable=SC2086 # the list is split on purpose
    startup_ms[$server]=$(median ${times[$server]})
    idle_mib[$server]=$(memory_mib "$server" VmRSS)
  done
}

# reference_rps SCENARIO KIND: req/s of the scenario's first server whose name starts with KIND, else 0.
reference_rps() {
  for server in ${scenario_servers[$1]}; do
    if [[ $server == "$2"* ]]; then echo "${result_rps[$1|$server]:-0}"; return; fi
  done
  echo 0
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }

declare -A paired_result=()
# paired_ratio NAME PATH BASE OTHER: OTHER's req/s against BASE's where the difference is a few percent, which the noise of a
# shared 2-core VM (10-20 % between runs) would swamp: both servers pinned to CPU 1 and wrk to CPU 0, $paired_rounds rounds of
# one short run each, BASE then OTHER; the median of the per-round ratios (a slow moment of the VM hits both runs of a round).
paired_ratio() {
  local name=$1 path=$2 base=$3 other=$4 ratios=() server process
  started "$base" "$other"
  for server in "$base" "$other"; do
    for process in $(server_pids "$server"); do taskset -a -p -c 1 "$process" >/dev/null; done
  done
  for _ in $(seq 1 "$paired_rounds"); do
    local a b
    a=$(timeout $((paired_seconds + 30)) taskset -c 0 wrk -t1 -c16 -d"${paired_seconds}s" "http://127.0.0.1:${server_port[$base]}$path" | awk '/^Requests\/sec:/ { print $2 }')
    b=$(timeout $((paired_seconds + 30)) taskset -c 0 wrk -t1 -c16 -d"${paired_seconds}s" "http://127.0.0.1:${server_port[$other]}$path" | awk '/^Requests\/sec:/ { print $2 }')
    ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { if (a > 0) printf "%.4f", b / a; else print 0 }')")
  done
  for server in "$base" "$other"; do
    for process in $(server_pids "$server"); do taskset -a -p -c "0-$(($(nproc) - 1))" "$process" >/dev/null; done
  done
  paired_result[$name]=$(median "${ratios[@]}")
  echo "bench: $name: $other/$base per round ${ratios[*]}; median ${paired_result[$name]}"
}

report() {
  mkdir -p bench/results
  local out
  out=$(results_file)
  if [ -z "${BENCH_ONLY:-}" ] && [ -f "$out" ]; then mv "$out" bench/results/previous.md; fi
  {
    echo "# Benchmark results"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);" \
      "wrk -t2 -c$connections, ${seconds} s per run after a ${warmup_seconds} s warm-up, $rounds interleaved rounds (median)."
    echo "Modular $(git rev-parse --short HEAD 2>/dev/null || echo unknown), .NET $(dotnet --version)," \
      "$(nginx -v 2>&1 | sed 's|nginx version: ||'), Caddy $(caddy version | cut -d' ' -f1), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)."
    echo
    echo "| scenario | server | req/s | p50 ms | p99 ms | peak RSS MiB | ×Kestrel | ×nginx | ×Caddy | ×ceiling |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for key in "${results[@]}"; do
      local name=${key%%|*} server=${key#*|} rps=${result_rps[$key]} ratios="| | | |"
      if [[ $server == modular* ]]; then
        # Against the scenario's first server of each kind (nginx-gzip in the gzip scenario, say).
        ratios="| $(ratio "$rps" "$(reference_rps "$name" kestrel)") | $(ratio "$rps" "$(reference_rps "$name" nginx)") | $(ratio "$rps" "$(reference_rps "$name" caddy)") | $(ratio "$rps" "$(reference_rps "$name" ceiling)")"
      fi
      echo "| $name | $server | $rps | ${result_p50[$key]} | ${result_p99[$key]} | ${result_peak[$key]} $ratios |"
    done
    if [ ${#startup_ms[@]} -gt 0 ]; then
      echo
      echo "| server | start to first 200 ms (median of $startup_rounds) | idle RSS MiB |"
      echo "|---|---:|---:|"
      for server in "${!startup_ms[@]}"; do echo "| $server | ${startup_ms[$server]} | ${idle_mib[$server]} |"; done | sort
    fi
    if [ -n "${startup_ms[modular]:-}" ] && [ -n "${startup_ms[kestrel]:-}" ]; then
      echo
      echo "Modular/bare Kestrel: start $(ratio "${startup_ms[modular]}" "${startup_ms[kestrel]}")×, idle RSS $(ratio "${idle_mib[modular]}" "${idle_mib[kestrel]}")×;" \
        "every plugin loaded against none, static 1 KB: $(ratio "${result_rps[static 1 KB|modular-plugins]:-0}" "${result_rps[static 1 KB|modular]:-0}")× req/s" \
        "(cached: $(ratio "${result_rps[static 1 KB|modular-cached-plugins]:-0}" "${result_rps[static 1 KB|modular-cached]:-0}")×)."
    fi
    if [ ${#paired_result[@]} -gt 0 ]; then
      local paired=()
      [ -n "${paired_result[plugins]:-}" ] && paired+=("every plugin loaded against none, static 1 KB, cache off ${paired_result[plugins]}×, cache on ${paired_result[plugins-cached]:-}× req/s")
      [ -n "${paired_result[proxy]:-}" ] && paired+=("Modular's proxy against bare YARP ${paired_result[proxy]}×")
      [ -n "${paired_result[debuglog1]:-}" ] && paired+=("debugLog 1 against 0 on the cached page ${paired_result[debuglog1]}×")
      echo
      echo "Paired (servers on one core, wrk on the other, $paired_rounds rounds of ${paired_seconds} s, median of the per-round" \
        "ratios): $(printf '%s; ' "${paired[@]}" | sed 's/; $//')."
    fi
    local gzip="gzip 100 KB"
    if [ -n "${scenario_servers[$gzip]:-}" ]; then
      echo
      echo "gzip level 1, 100 KB page: cache on $(ratio "${result_rps[$gzip|modular-cached-plugins]:-0}" "${result_rps[$gzip|nginx-gzip-static]:-0}")× nginx gzip_static," \
        "$(ratio "${result_rps[$gzip|modular-cached-plugins]:-0}" "${result_rps[$gzip|ceiling]:-0}")× the ceiling writing the same gzip -9 bytes from memory," \
        "$(ratio "${result_rps[$gzip|modular-cached-plugins]:-0}" "${result_rps[$gzip|nginx-gzip]:-0}")× nginx on the fly;" \
        "cache off $(ratio "${result_rps[$gzip|modular-plugins]:-0}" "${result_rps[$gzip|nginx-gzip]:-0}")× nginx on the fly."
    fi
    local debuglog="debug log 1 KB"
    if [ -n "${scenario_servers[$debuglog]:-}" ]; then
      echo
      echo "debugLog on the cached 1 KB page, against debugLog 0: 1 $(ratio "${result_rps[$debuglog|modular-debuglog1]:-0}" "${result_rps[$debuglog|modular-cached]:-0}")× req/s," \
        "7 $(ratio "${result_rps[$debuglog|modular-debuglog7]:-0}" "${result_rps[$debuglog|modular-cached]:-0}")× req/s;" \
        "spans alone (file exporter, debugLog 0) $(ratio "${result_rps[$debuglog|modular-spans]:-0}" "${result_rps[$debuglog|modular-cached]:-0}")×;" \
        "nginx's access log (combined, 64 KB buffer) against none $(ratio "${result_rps[$debuglog|nginx-log]:-0}" "${result_rps[$debuglog|nginx]:-0}")×."
    fi
    local session="session read+write"
    if [ -n "${scenario_servers[$session]:-}" ]; then
      echo
      echo "session storage write and read per request, against the same request without sessions: memory store" \
        "$(ratio "${result_rps[$session|modular-session-memory]:-0}" "${result_rps[$session|modular-session-none]:-0}")×," \
        "Redis store $(ratio "${result_rps[$session|modular-session-redis]:-0}" "${result_rps[$session|modular-session-none]:-0}")×."
    fi
    if [ -n "${scenario_servers[proxy]:-}" ]; then
      echo
      echo "proxy to nginx return 200: Modular $(ratio "${result_rps[proxy|modular-proxy]:-0}" "${result_rps[proxy|kestrel-yarp]:-0}")× bare YARP," \
        "$(ratio "${result_rps[proxy|modular-proxy]:-0}" "${result_rps[proxy|caddy-proxy]:-0}")× Caddy, $(ratio "${result_rps[proxy|modular-proxy]:-0}" "${result_rps[proxy|nginx-proxy]:-0}")× nginx;" \
        "static cache on: $(ratio "${result_rps[proxy|modular-proxy-cached]:-0}" "${result_rps[proxy|kestrel-yarp]:-0}")× bare YARP;" \
        "every plugin loaded: $(ratio "${result_rps[proxy|modular-proxy-plugins]:-0}" "${result_rps[proxy|kestrel-yarp]:-0}")× bare YARP."
    fi
  } > "$out"
  cat "$out"
}
