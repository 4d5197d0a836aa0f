#!/usr/bin/env bash
# Benchmark: requests/s and p50/p99 latency, measured side by side in one run, of
#   (a) a bare Helidon handler doing the same echo (no gateway): the plugin's work and answer (same
#       JSON and headers), sent the same requests (App token included), in a JVM with the same flags,
#   (b) the echo plugin through the gateway with token auth (in-process PF4J jar), and
#   (c) the same echo plugin as an external process over gRPC (file:// launcher).
# Prints the ratios b/a and c/b, and each side's server CPU time per request (from /proc: steadier than
# requests/s on a shared machine, and what a machine with cores to spare for the client would see).
# Uses wrk on loopback (installed with apt-get if missing).
# Then holds open SSE streams through one gateway (in-process, then external) and reports the
# gateway JVM's heap after a full GC (jcmd). The gateway runs with -Xmx512m and, so that 10,000
# idle streams are not 40,000 heartbeat writes a second, PLUGIN_ENDPOINT_STREAM_HEARTBEAT=15s
# (default 250ms; STREAM_HEARTBEAT overrides).
#
# Each side is warmed up for WARMUP (15s) first: the gateway's JVM (control plane included) has far
# more code to compile, and on a busy 2-core machine 5 s left its first round still compiling.
#
#   bench/run.sh                        # 3 alternating rounds of 10 s per side
#   ROUNDS=5 DURATION=15s CONNECTIONS=64 bench/run.sh
#   STREAMS_INPROCESS=10000 STREAMS_EXTERNAL=1000 bench/run.sh   # the defaults; 0 skips
#   BENCH_STUDIO_PORT=28080 BENCH_GATEWAY_PORT=28081 BENCH_BARE_PORT=28090 bench/run.sh  # other ports
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-15s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-1}"
LATENCY_ROUNDS="${LATENCY_ROUNDS:-2}"
STREAMS_INPROCESS="${STREAMS_INPROCESS:-10000}"
STREAMS_EXTERNAL="${STREAMS_EXTERNAL:-1000}"
STREAM_HEARTBEAT="${STREAM_HEARTBEAT:-15s}"
GATEWAY_HEAP="${GATEWAY_HEAP:-512m}"
# ports: overridable when another system on this machine already uses the defaults
STUDIO_PORT="${BENCH_STUDIO_PORT:-18080}"
GATEWAY_PORT="${BENCH_GATEWAY_PORT:-18081}"
BARE_PORT="${BENCH_BARE_PORT:-18090}"

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk..."
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi
source bench/common.sh
# every open stream is a socket on both ends, all from one address: lift the descriptor limit and
# (in the gateway's env below) the per-client connection caps that protect production servers
ulimit -n 65536 2>/dev/null || true

mkdir -p "$work/plugins"
cp plugins/echo-endpoint/target/echo-endpoint.jar "$work/plugins/"
admin_key="$(random_secret bench_admin_)"

DATA_DIR="$work/data" PLUGINS_DIR="$work/plugins" STUDIO_PORT=$STUDIO_PORT GATEWAY_PORT=$GATEWAY_PORT \
  STUDIO_ADMIN_KEY="$admin_key" PLUGIN_ENDPOINT_STREAM_HEARTBEAT="$STREAM_HEARTBEAT" \
  HTTP_MAX_CONNECTIONS=15000 HTTP_MAX_CONNECTIONS_PER_ADDRESS=15000 \
  java -Xmx"$GATEWAY_HEAP" -jar studio-api/target/studio-api.jar >"$work/system.log" 2>&1 &
system_pid=$!
pids+=($system_pid)
# the same JVM flags as the gateway's jar manifest (Add-Opens, Enable-Native-Access) and heap
java -Xmx"$GATEWAY_HEAP" --add-opens java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
  -cp "gateway/target/test-classes:studio-api/target/lib/*" io.aigw.gateway.bench.BareEchoServer $BARE_PORT \
  >"$work/bare.log" 2>&1 &
bare_pid=$!
pids+=($bare_pid)

wait_for "http://127.0.0.1:$GATEWAY_PORT/plugins/echo/public"
wait_for "http://127.0.0.1:$BARE_PORT/bare/x"

api() { curl -fsS -H "Authorization: Bearer $admin_key" -H 'Content-Type: application/json' "$@"; }
app_id="$(api -X POST "http://127.0.0.1:$STUDIO_PORT/api/v1/apps" \
  -d '{"name":"bench","metadata":{"tier":"bench"}}' | sed -E 's/.*"id":([0-9]+).*/\1/')"
token="$(api -X POST "http://127.0.0.1:$STUDIO_PORT/api/v1/apps/$app_id/credentials" -d '{}' \
  | sed -E 's/.*"token":"([^"]+)".*/\1/')"
# the same echo plugin as an external binary, under the slug echo-ext
api -X POST "http://127.0.0.1:$STUDIO_PORT/api/v1/plugins" -o /dev/null -d '{"name":"echo-external",
  "command":"file://'"$PWD"'/plugins/echo-endpoint/target/echo-endpoint-plugin","hook_type":"custom_endpoint",
  "hook_types":["custom_endpoint"],"config":{"slug":"echo-ext"},"is_active":true}'
wait_for "http://127.0.0.1:$GATEWAY_PORT/plugins/echo-ext/public"
# the plugin's JVM (its launcher execs java), for its CPU time
plugin_pid="$(pgrep -P "$system_pid" -f echo-endpoint | head -1)"

bare_url="http://127.0.0.1:$BARE_PORT/bare/users/123?a=1"
gw_url="http://127.0.0.1:$GATEWAY_PORT/plugins/echo/users/123?a=1"
ext_url="http://127.0.0.1:$GATEWAY_PORT/plugins/echo-ext/users/123?a=1"

# wrk prints latency with units; normalise to microseconds
to_us() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) print n; else if (v ~ /ms$/) print n * 1000;
                                 else if (v ~ /s$/) print n * 1000000; else print n }'; }
# CPU time (user + system, all threads) of a set of processes, in clock ticks
hz="$(getconf CLK_TCK)"
ticks() { local t=0 pid; for pid in "$@"; do t=$(( t + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done; echo "$t"; }
run() { # label url [auth] [connections] [results file] [pids whose CPU time is counted]
  local out conns="${4:-$CONNECTIONS}" results="${5:-$work/results}" cpu_pids="${6:-}" t0=0 t1=0
  [ -n "$cpu_pids" ] && t0="$(ticks $cpu_pids)"
  if [ -n "${3:-}" ]; then
    out="$(wrk -t"$THREADS" -c"$conns" -d"$DURATION" --latency -H "Authorization: Bearer $3" "$2")"
  else
    out="$(wrk -t"$THREADS" -c"$conns" -d"$DURATION" --latency "$2")"
  fi
  [ -n "$cpu_pids" ] && t1="$(ticks $cpu_pids)"
  local rps p50 p99 errors requests cpu=-
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(to_us "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  p99="$(to_us "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  errors="$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')"
  [ -n "$cpu_pids" ] && [ "${requests:-0}" -gt 0 ] && cpu="$(awk -v t=$(( t1 - t0 )) -v hz="$hz" -v n="$requests" \
    'BEGIN { printf "%.1f", t * 1000000 / hz / n }')"
  printf '%-8s %12s %10s %10s %12s  %s\n' "$1" "$rps" "$p50" "$p99" "$cpu" "$errors"
  echo "$1 $rps $p50 $p99 $cpu" >>"$results"
}

echo "warming up..."
# the plugin process first: a fresh JVM whose JIT keeps compiling for a while after its warm-up,
# which would otherwise steal CPU from whichever side is measured next
wrk -t1 -c"$CONNECTIONS" -d15s -H "Authorization: Bearer $token" "$ext_url" >/dev/null
wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" -H "Authorization: Bearer $token" "$bare_url" >/dev/null
wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" -H "Authorization: Bearer $token" "$gw_url" >/dev/null
curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$gw_url"
curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$ext_url"
sleep 2

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS alternating rounds, $(nproc) cores"
printf '%-8s %12s %10s %10s %12s\n' side "requests/s" "p50 (us)" "p99 (us)" "cpu/req (us)"
for _ in $(seq 1 "$ROUNDS"); do
  run bare "$bare_url" "$token" "" "" "$bare_pid"
  run gateway "$gw_url" "$token" "" "" "$system_pid"
  run external "$ext_url" "$token" "" "" "$system_pid $plugin_pid"
done

echo
awk '
  { rps[$1] += $2; p50[$1] += $3; p99[$1] += $4; cpu[$1] += $5; n[$1]++ }
  END {
    for (s in n) { rps[s] /= n[s]; p50[s] /= n[s]; p99[s] /= n[s]; cpu[s] /= n[s] }
    printf "mean     bare: %.0f req/s  p50 %.0f us  p99 %.0f us\n", rps["bare"], p50["bare"], p99["bare"]
    printf "mean  gateway: %.0f req/s  p50 %.0f us  p99 %.0f us\n", rps["gateway"], p50["gateway"], p99["gateway"]
    printf "ratio gateway/bare requests/s: %.3f (target >= 0.90)\n", rps["gateway"] / rps["bare"]
    printf "added p50 latency: %.0f us\n", p50["gateway"] - p50["bare"]
    printf "server CPU per request: bare %.1f us, gateway %.1f us (ratio bare/gateway %.3f: the requests/s ratio a machine with CPU to spare for the client would see)\n", cpu["bare"], cpu["gateway"], cpu["bare"] / cpu["gateway"]
    printf "mean external: %.0f req/s  p50 %.0f us  p99 %.0f us\n", rps["external"], p50["external"], p99["external"]
    printf "ratio external/in-process requests/s: %.3f (target >= 0.5)\n", rps["external"] / rps["gateway"]
    printf "added p50 latency external vs in-process, -c%d: %.0f us\n", '"$CONNECTIONS"', p50["external"] - p50["gateway"]
  }' "$work/results"

# Latency a single client sees when nothing queues: one connection, one request at a time. At
# -c$CONNECTIONS the CPUs are saturated and p50 is mostly queueing (connections / throughput).
if [ "$LATENCY_ROUNDS" -gt 0 ]; then
  echo
  echo "wrk -t1 -c1 -d$DURATION (one request at a time), $LATENCY_ROUNDS alternating rounds"
  printf '%-8s %12s %10s %10s\n' side "requests/s" "p50 (us)" "p99 (us)"
  for _ in $(seq 1 "$LATENCY_ROUNDS"); do
    run gateway "$gw_url" "$token" 1 "$work/latency"
    run external "$ext_url" "$token" 1 "$work/latency"
  done
  awk '
    { p50[$1] += $3; n[$1]++ }
    END {
      for (s in n) p50[s] /= n[s]
      printf "unloaded p50: in-process %.0f us, external %.0f us\n", p50["gateway"], p50["external"]
      printf "added p50 latency external vs in-process, one connection: %.0f us (target <= 150 us)\n",
             p50["external"] - p50["gateway"]
    }' "$work/latency"
fi

# The floor under any transport to a plugin process here: a bare blocking exchange of echo-sized
# messages between two processes (no HTTP/2, protobuf or thread hand-offs).
if [ "$LATENCY_ROUNDS" -gt 0 ]; then
  rt() { # tcp|unix address
    java -cp gateway/target/test-classes io.aigw.gateway.bench.SocketRoundTrip serve "$1" "$2" >"$work/rt-$1.log" 2>&1 &
    local server=$!
    for _ in $(seq 1 50); do grep -q ready "$work/rt-$1.log" 2>/dev/null && break; sleep 0.1; done
    java -cp gateway/target/test-classes io.aigw.gateway.bench.SocketRoundTrip measure "$1" "$2"
    kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true
  }
  read -r tcp_p50 tcp_p99 < <(rt tcp $((BARE_PORT + 1)))
  read -r uds_p50 uds_p99 < <(rt unix "$work/rt.sock")
  echo "cross-process round trip floor (bare sockets, one exchange at a time): tcp p50 ${tcp_p50} us," \
       "unix p50 ${uds_p50} us"
fi

# Open SSE streams held by the one gateway: each gets its first event, then waits (events every 60 s).
streams() { # label slug count
  [ "$3" -gt 0 ] || return 0
  local out
  out="$(java -Xmx1g -cp gateway/target/test-classes io.aigw.gateway.bench.OpenStreams 127.0.0.1 "$GATEWAY_PORT" \
    "/plugins/$2/stream?count=100000&interval_ms=60000" "$token" "$3" "$system_pid")"
  printf '%-11s %s\n' "$1" "$out"
}
echo
echo "open SSE streams (gateway -Xmx$GATEWAY_HEAP, heartbeat $STREAM_HEARTBEAT)"
streams external echo-ext "$STREAMS_EXTERNAL"
# let the gateway notice the closed streams (next heartbeat) before the next count
[ "$STREAMS_EXTERNAL" -gt 0 ] && [ "$STREAMS_INPROCESS" -gt 0 ] && sleep "$(( ${STREAM_HEARTBEAT%s} + 3 ))"
streams in-process echo "$STREAMS_INPROCESS"
