# Every server bench/run.sh and bench/cpu.sh measure, by name: its port and options (server_command has the rest). Defined
# here once, started only when a measurement first needs it (`started`, once build_all and prepare_content have run), so one
# scenario (BENCH_ONLY) or one cpu.sh comparison starts its own servers and no others; a started server runs to the end.
# Sourced after servers.sh.

define_server nginx           18001
define_server caddy           18002
define_server kestrel         18003 static
define_server ceiling         18004 memory
define_server modular         18005 --staticCacheEnabled 0 --plugins=
define_server modular-cached  18006 --staticCacheEnabled 1 --plugins=
define_server modular-plugins 18007 --staticCacheEnabled 0 --plugins="*" --keepSession false
define_server modular-cached-plugins 18008 --staticCacheEnabled 1 --plugins="*" --keepSession false
define_server nginx-gzip        18009
define_server nginx-gzip-static 18010
define_server caddy-gzip        18011
# The application behind every proxy: each proxy needs it running first.
define_server nginx-upstream    $upstream_port
define_server nginx-proxy       18012
define_server caddy-proxy       18013
define_server kestrel-yarp      18014
define_server modular-proxy     18015 --plugins= --settings "$work/run/modular-proxy.json"
define_server modular-proxy-plugins 18016 --plugins="*" --settings "$work/run/modular-proxy.json"
# The static cache on: a path found missing under the root is remembered instead of looked up per request.
define_server modular-proxy-cached 18017 --plugins= --staticCacheEnabled 1 --settings "$work/run/modular-proxy.json"
for fleet_proxy in nginx-proxy caddy-proxy kestrel-yarp modular-proxy modular-proxy-plugins modular-proxy-cached; do
  server_requires[$fleet_proxy]=nginx-upstream
done
unset fleet_proxy
# nginx with an access log, beside the debug log: what a request log costs nginx on the same page.
define_server nginx-log         18029
# debugLog against none, on the cached page: each writes its own logs folder (removed by the next run).
define_server modular-debuglog1 18026 --staticCacheEnabled 1 --plugins= --debugLog 1 --logsFolder "$work/run/logs-1"
define_server modular-debuglog7 18027 --staticCacheEnabled 1 --plugins= --debugLog 7 --logsFolder "$work/run/logs-7"
# Spans alone (the file exporter, debugLog 0): what OpenTelemetry's request span and its export cost without the debug log.
define_server modular-spans     18028 --staticCacheEnabled 1 --plugins= --telemetryExporters file --logsFolder "$work/run/logs-s"
define_server redis             18030
fleet_sessions="--pluginsFolder $work/session-plugins --plugins=sessions,sessionapp"
define_server modular-session-none   18021 $fleet_sessions --keepSession false
define_server modular-session-memory 18022 $fleet_sessions
define_server modular-session-redis  18023 $fleet_sessions --sessionStore redis --sessionRedisConfiguration 127.0.0.1:18030
unset fleet_sessions
server_requires[modular-session-redis]=redis
# Their load carries the session cookie the answer to this path sets.
server_session_path[modular-session-memory]=/session/info
server_session_path[modular-session-redis]=/session/info
