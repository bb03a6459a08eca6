# Starting, checking and stopping the servers of bench/run.sh. Every server listens on 127.0.0.1 only,
# runs in a session of its own (so its workers are measured and stopped with it), and is stopped on exit.

# Sourced from the repository's root: where builds and run files go, and the application behind every proxy scenario.
work=$PWD/artifacts/bench
upstream_port=18020
upstream_answer="proxied answer"

declare -A server_port server_sid server_args server_header server_requires=() server_session_path=()
server_names=()

# install_missing COMMAND...: installs the Debian package of each command that is not on PATH.
install_missing() {
  local missing=()
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 && continue
    case $tool in pgrep) missing+=(procps) ;; redis-cli) missing+=(redis-tools) ;; perf) missing+=(linux-perf) ;; *) missing+=("$tool") ;; esac
  done
  if [ ${#missing[@]} -eq 0 ]; then return; fi
  echo "bench: installing ${missing[*]}"
  # Debian's packages start their service at install; nothing may listen beyond loopback, so forbid
  # it for the install (a policy already there is kept and put back).
  local policy=/usr/sbin/policy-rc.d saved=""
  if [ -e $policy ]; then saved=$(mktemp) && cp -p $policy "$saved"; fi
  printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy
  local status=0
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } || status=$?
  if [ -n "$saved" ]; then mv "$saved" $policy; else rm -f $policy; fi
  return $status
}

build_all() {
  # BENCH_REUSE_BUILD=1 measures the previous build again (to repeat a run quickly); the default rebuilds.
  if [ "${BENCH_REUSE_BUILD:-0}" = 1 ] && [ -f "$work/modular/modular.dll" ]; then return; fi
  echo "bench: building Modular and bare Kestrel in Release"
  rm -rf "$work/modular" "$work/bare" "$work/plugins"
  # The plugins first: the host's publish lays their folders out under its plugins/.
  dotnet build Modular.Plugins.slnf -c Release -nologo -v quiet >/dev/null
  # Not ReadyToRun: it saved some 30 ms of start-up, but hot ReadyToRun code is recompiled without dynamic PGO, and
  # debugLog 1 then cost 40 µs of CPU per request instead of 33 (bench/cpu.sh debuglog).
  dotnet publish core/Modular.Host -c Release -nologo -v quiet -o "$work/modular" >/dev/null
  dotnet publish bench/BareKestrel -c Release -nologo -v quiet -o "$work/bare" >/dev/null
  # "Every plugin": every product plugin, with the features that have a switch off (cors, hsts, and sessions by keepSession);
  # compression stays loaded and acts only on requests that accept a coding.
  mkdir -p "$work/plugins"
  cp -r "$work/modular/plugins/." "$work/plugins/"
  # The session scenario's application (the tests' fixture: one storage write and read per request) beside sessions.
  dotnet build tests/Fixtures/Plugins/sessionapp -c Release -nologo -v quiet -p:PluginOutputRoot="$work/session-plugins/" >/dev/null
  cp -r "$work/plugins/sessions" "$work/session-plugins/"
}

prepare_content() {
  rm -rf "$work/run"/logs-*
  mkdir -p "$work/www" "$work/run"
  head -c 1024 /dev/zero | tr '\0' 'a' > "$work/www/1k.html"
  head -c 102400 /dev/zero | tr '\0' 'b' > "$work/www/100k.html"
  cp "$work/www/1k.html" "$work/www/index.html"
  # About 100 KB of HTML that compresses like a real page (repeated markup, varying text), and the
  # copy nginx's gzip_static serves, compressed once as a deployment would (gzip -9).
  awk 'BEGIN { print "<!doctype html><ul>"; for (i = 0; i < 2500; i++) printf "<li class=\"item\">Item %d: %d</li>\n", i, (i * 7919) % 10007; print "</ul>" }' > "$work/www/page.html"
  gzip -9 -k -f -n "$work/www/page.html"
  # The proxy scenario: what the upstream answers, and Modular's route to it (every path no file answers).
  printf '%s' "$upstream_answer" > "$work/run/upstream.body"
  printf 'bench' > "$work/run/session.body"
  cat > "$work/run/modular-proxy.json" <<JSON
{ "ReverseProxy": {
    "Routes": { "all": { "ClusterId": "upstream", "Match": { "Path": "/{**catch-all}" } } },
    "Clusters": { "upstream": { "Destinations": { "upstream": { "Address": "http://127.0.0.1:$upstream_port/" } } } } } }
JSON
}

# The command line that starts server $1 on port $2 (further arguments: its options).
server_command() {
  local name=$1 port=$2; shift 2
  case $name in
    nginx*)
      local gzip=""
      case $name in
        nginx-gzip) gzip="gzip on; gzip_comp_level 1; gzip_min_length 1024; gzip_vary on;" ;;
        nginx-gzip-static) gzip="gzip_static on; gzip_vary on;" ;;
      esac
      local site="server { listen 127.0.0.1:$port; root $work/www; }"
      case $name in
        # A request log as nginx is tuned for one: the combined format, written from a 64 KB buffer at least once a second.
        nginx-log) mkdir -p "$work/run/logs-nginx"
          site="server { listen 127.0.0.1:$port; root $work/www; access_log $work/run/logs-nginx/access.log combined buffer=64k flush=1s; }" ;;
        # The application behind every proxy: one short answer, from memory.
        nginx-upstream) site="server { listen 127.0.0.1:$port; location / { default_type text/plain; return 200 '$upstream_answer'; } }" ;;
        # Kept-alive connections to the upstream, as a tuned nginx proxy has them.
        nginx-proxy) site="upstream app { server 127.0.0.1:$upstream_port; keepalive 64; }
  server { listen 127.0.0.1:$port; location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }" ;;
      esac
      cat > "$work/run/$name.conf" <<CONF
daemon off; worker_processes auto; pid $work/run/$name.pid; error_log $work/run/$name.error.log;
events { worker_connections 4096; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000; keepalive_timeout 15s;
  types { text/html html; } default_type application/octet-stream; $gzip
  $site }
CONF
      echo "nginx -c $work/run/$name.conf -p $work/run" ;;
    caddy*)
      local encode=""
      [ "$name" = caddy-gzip ] && encode=$'encode {\n    gzip 1\n  }'
      local serve="file_server"
      [ "$name" = caddy-proxy ] && serve="reverse_proxy 127.0.0.1:$upstream_port"
      cat > "$work/run/$name.Caddyfile" <<CONF
{
  admin off
  auto_https off
}
http://127.0.0.1:$port {
  root * $work/www
  $encode
  $serve
}
CONF
      echo "caddy run --config $work/run/$name.Caddyfile --adapter caddyfile" ;;
    redis) echo "redis-server --port $port --bind 127.0.0.1 --save '' --appendonly no" ;;
    kestrel|ceiling) echo "dotnet $work/bare/BareKestrel.dll $1 $work/www $port" ;;
    kestrel-yarp) echo "dotnet $work/bare/BareKestrel.dll proxy http://127.0.0.1:$upstream_port/ $port" ;;
    modular*)
      # Equivalent to the others: no per-connection request cap, since nginx's is set out of reach too.
      echo "dotnet $work/modular/modular.dll --HTTPPort $port --IPAddressToListen 127.0.0.1 --rootFolder $work/www --pluginsFolder $work/plugins --keepAliveMaxRequests 1000000 --adminAddress off $*" ;;
  esac
}

# define_server NAME PORT [OPTIONS...]: how server NAME is started (bench/lib/fleet.sh defines them all); nothing starts yet.
define_server() {
  local name=$1 port=$2; shift 2
  server_port[$name]=$port
  server_args[$name]="$*"
  server_names+=("$name")
}

# started NAME...: starts each server that is not running, after what it requires (server_requires), waits (bounded) for its
# 200 on /index.html, and takes its session cookie when it has a server_session_path.
started() {
  local name
  for name in "$@"; do
    [ -n "${server_port[$name]:-}" ] || { echo "bench: no server named $name (bench/lib/fleet.sh)" >&2; exit 1; }
    [ -z "${server_sid[$name]:-}" ] || continue
    # shellcheck disable=SC2086 # a list of names
    [ -z "${server_requires[$name]:-}" ] || started ${server_requires[$name]}
    launch "$name"
    [ -z "${server_session_path[$name]:-}" ] || session_cookie "$name" "${server_session_path[$name]}"
  done
}

# The servers running now, one name per line.
running_servers() {
  local name
  for name in "${server_names[@]}"; do [ -z "${server_sid[$name]:-}" ] || echo "$name"; done
}

launch() {
  local name=$1 port=${server_port[$1]}
  # A server left by an interrupted run would answer in this one's place and be measured instead.
  if curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
    echo "bench: 127.0.0.1:$port already answers (a server left from an earlier run?); stop it first" >&2
    exit 1
  fi
  # shellcheck disable=SC2086 # the command line is split on purpose
  (set -f; cd "$work/run" && exec setsid $(server_command "$name" "$port" ${server_args[$name]}) >"$work/run/$name.log" 2>&1) &
  server_sid[$name]=$!
  if [ "$name" = redis ]; then
    wait_for_pong "$port" || { echo "bench: redis-server did not answer on 127.0.0.1:$port; its log:"; tail -5 "$work/run/$name.log"; exit 1; }
    return
  fi
  wait_for_200 "$name" || { echo "bench: $name did not answer on 127.0.0.1:$port; its log:"; tail -5 "$work/run/$name.log"; exit 1; }
}

wait_for_200() {
  local port=${server_port[$1]}
  for _ in $(seq 1 3000); do   # at most 3000 polls (about 30 s)
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/index.html" 2>/dev/null)" = 200 ] && return 0
    sleep 0.01
  done
  return 1
}

wait_for_pong() {
  for _ in $(seq 1 3000); do   # at most 3000 polls (about 30 s)
    [ "$(redis-cli -p "$1" ping 2>/dev/null)" = PONG ] && return 0
    sleep 0.01
  done
  return 1
}

# session_cookie NAME PATH: every later request to server NAME carries the session cookie its answer to PATH set (one
# session shared by all load connections, as a busy user's requests would).
session_cookie() {
  local cookie
  cookie=$(curl -s -D - -o /dev/null "http://127.0.0.1:${server_port[$1]}$2" | awk -F'[:;] *' 'tolower($1) == "set-cookie" { print $2; exit }')
  [ -n "$cookie" ] || { echo "bench: $1 set no session cookie on $2" >&2; exit 1; }
  server_header[$1]="Cookie: $cookie"
}

stop_server() {
  local sid=${server_sid[$1]:-}
  [ -n "$sid" ] || return 0
  kill -TERM -- "-$sid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 -- "-$sid" 2>/dev/null || break; sleep 0.05; done
  kill -KILL -- "-$sid" 2>/dev/null || true
  server_sid[$1]=""
}

stop_all() {
  for name in "${server_names[@]}"; do stop_server "$name"; done
}

# server_pids NAME: the processes of server NAME (nginx has workers), one per line; none when it is not running.
server_pids() {
  local sid=${server_sid[$1]:-}
  [ -z "$sid" ] || pgrep -s "$sid"
}

# Sum over the server's processes of a /proc status field, in MiB.
memory_mib() {
  local field=$2 total=0
  for pid in $(server_pids "$1"); do
    total=$((total + $(awk -v f="$field:" '$1 == f { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)))
  done
  echo $((total / 1024))
}

# check NAME PATH: the answer must be 200 and the file's exact bytes (or expected_body's, when set); not encoded, or gzip-encoded
# when the scenario sets accept_encoding=gzip (then decoded before comparing).
check_answer() {
  local name=$1 path=$2 port=${server_port[$1]} got="$work/run/check.body" headers="$work/run/check.headers"
  local status encoding
  status=$(curl -s -D "$headers" -o "$got" -w '%{http_code}' ${accept_encoding:+-H "Accept-Encoding: $accept_encoding"} ${server_header[$name]:+-H "${server_header[$name]}"} "http://127.0.0.1:$port$path")
  encoding=$(awk -F': *' 'tolower($1) == "content-encoding" { gsub("\r", "", $2); print $2 }' "$headers")
  if [ "$encoding" = gzip ]; then gzip -d -c <"$got" >"$got.decoded" 2>/dev/null && mv "$got.decoded" "$got"; fi
  if [ "$status" != 200 ] || ! cmp -s "$got" "${expected_body:-$work/www$path}" || [ "$encoding" != "${accept_encoding:-}" ]; then
    echo "bench: $name answered $path wrongly (status $status, encoding '${encoding}', $(wc -c <"$got") bytes); not timed" >&2
    return 1
  fi
}
