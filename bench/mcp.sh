#!/usr/bin/env bash
# MCP through the gateway (plugins/mcp-registry, dropped in as its jar), measured side by side in
# one run against the same upstreams called directly:
#   1. a small tools/call through the pass-through /plugins/mcp/servers/{id}/mcp vs straight to the
#      upstream: requests/s and p50/p99 under load (-c$CONNECTIONS), then one request at a time
#      (-c1); prints the ratio and the added p50;
#   2. the aggregated endpoint /plugins/mcp/mcp with Apps holding 1, 5 and 20 upstreams: initialize
#      (fans out: initialize + notifications/initialized to every upstream), tools/list (fans out
#      and merges) and tools/call (routes to one upstream by prefix), each vs the same call to one
#      upstream directly; prints requests/s under load, p50/p99 one at a time, and the added p50.
# Every gateway row also shows the system JVM's CPU time per request under load (from /proc): on a
# shared machine it moves less than requests/s. After setup, WARMUP seconds (default 40) of load
# through the gateway's paths let the JIT settle before anything is measured; warm-up and
# measuring take ~3.5 min once the system is up.
# Upstreams: tools/mcp-bench/McpBenchServer.java (MCP Streamable HTTP, JSON answers, sessions),
# started 20 times on consecutive ports in one JVM. Load: wrk with bench/mcp-post.lua (a POST body
# and MCP's headers); sessions are opened with curl first and passed as Mcp-Session-Id.
# The servers, user, group, grant, Apps and tokens are set up through the admin API, as in the
# README's MCP walkthrough.
#
#   bench/mcp.sh          # part 1: 2 alternating rounds, part 2: 1 round, 5 s a phase
#   SKIP_BUILD=1 ROUNDS=3 FANOUT_ROUNDS=2 DURATION=10s CONNECTIONS=32 bench/mcp.sh
#   FANOUT="1 5 20" STUDIO_PORT=18280 GATEWAY_PORT=18281 UPSTREAM_PORT=18300 bench/mcp.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS="${ROUNDS:-2}"
FANOUT_ROUNDS="${FANOUT_ROUNDS:-1}"
DURATION="${DURATION:-5s}"
CONNECTIONS="${CONNECTIONS:-16}"
FANOUT="${FANOUT:-1 5 20}"
WARMUP="${WARMUP:-40}"
GATEWAY_HEAP="${GATEWAY_HEAP:-512m}"
STUDIO_PORT="${STUDIO_PORT:-18280}"
GATEWAY_PORT="${GATEWAY_PORT:-18281}"
UPSTREAM_PORT="${UPSTREAM_PORT:-18300}"

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk..."
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi
for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench/mcp.sh needs $tool" >&2; exit 1; }
done
source bench/common.sh

upstreams=0
for n in $FANOUT; do [ "$n" -gt "$upstreams" ] && upstreams=$n; done

mkdir -p "$work/plugins"
cp plugins/mcp-registry/target/mcp-registry.jar "$work/plugins/"
admin_key="$(random_secret bench_admin_)"

DATA_DIR="$work/data" PLUGINS_DIR="$work/plugins" STUDIO_PORT=$STUDIO_PORT GATEWAY_PORT=$GATEWAY_PORT \
  STUDIO_ADMIN_KEY="$admin_key" java -Xmx"$GATEWAY_HEAP" -jar studio-api/target/studio-api.jar \
  >"$work/system.log" 2>&1 &
pids+=($!)
system_pid=$!
java -Xmx512m -cp "studio-api/target/lib/*" tools/mcp-bench/McpBenchServer.java "$UPSTREAM_PORT" "$upstreams" \
  >"$work/upstreams.log" 2>&1 &
pids+=($!)

API="http://127.0.0.1:$STUDIO_PORT/api/v1"
GW="http://127.0.0.1:$GATEWAY_PORT"
as() { local k=$1; shift; curl -fsS -H "Authorization: Bearer $k" -H 'Content-Type: application/json' "$@"; }
# Waits (WAIT_LIMIT s at most, default 300: a busy shared box starts the system slowly) until the
# command succeeds; on timeout shows the logs and exits.
until_ok() {
  local deadline=$((SECONDS + ${WAIT_LIMIT:-300}))
  while [ "$SECONDS" -lt "$deadline" ]; do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "timed out waiting for: $*" >&2; tail -20 "$work"/*.log >&2; exit 1
}
mcp_type() { as "$admin_key" "$API/plugin-resource-types" | jq -e '.[] | select(.slug == "mcp_servers")'; }

until_ok mcp_type
echo "system up in ${SECONDS}s"
until_ok grep -q '^ready' "$work/upstreams.log"
plugin="$(mcp_type | jq .plugin_id)"
type="$(mcp_type | jq .id)"

# the plugin's config: room for every upstream in one App, and a session key
as "$admin_key" -X PATCH "$API/plugins/$plugin" -o /dev/null -d '{"config": {"slug": "mcp",
  "max_servers_per_app": "'"$upstreams"'", "session_key": "'"$(head -c 32 /dev/urandom | base64)"'"}}'

# the upstreams, registered as MCP servers with prefixes s1 ... sN
servers=()
for i in $(seq 1 "$upstreams"); do
  servers+=("$(as "$admin_key" "$API/plugin-resource-types/$type/instances" -d '{"name": "bench '"$i"'",
    "url": "http://127.0.0.1:'"$((UPSTREAM_PORT + i - 1))"'/mcp", "description": "bench upstream",
    "privacy_score": 10, "prefix": "s'"$i"'"}' | jq -r .id)")
done
ids_json() { printf '%s\n' "${servers[@]:0:$1}" | jq -R . | jq -sc .; }

# a user, an LLM, the user's group and the group's grant of every server
user_key="$(as "$admin_key" "$API/users" -d '{"email": "bench@example.com", "name": "Bench"}' | jq -r .api_key)"
user_id="$(as "$user_key" "$API/me" | jq .id)"
llm="$(as "$admin_key" "$API/llms" -d '{"name": "bench-model", "vendor": "bench", "privacy_score": 60}' | jq .id)"
catalogue="$(as "$admin_key" "$API/llm-catalogues" -d '{"name": "bench-models", "llm_ids": ['"$llm"']}' | jq .id)"
group="$(as "$admin_key" "$API/groups" -d '{"name": "bench", "member_ids": ['"$user_id"'],
  "llm_catalogue_ids": ['"$catalogue"']}' | jq .id)"
as "$admin_key" -X PUT "$API/groups/$group/plugin-resources" -o /dev/null -d '{"resources": [{"plugin_id": '"$plugin"',
  "resource_type_slug": "mcp_servers", "instance_ids": '"$(ids_json "$upstreams")"'}]}'

# one App (and token) per fan-out, holding the first N servers; retried until the plugin runs with
# the config above (before that it allows 10 servers per App)
declare -A token
held() { curl -fsS -H "Authorization: Bearer ${token[$1]}" "$GW/plugins/mcp/servers" | jq -e ".servers | length == $1"; }
new_app() {
  local app
  app="$(as "$user_key" "$API/apps" -d '{"name": "bench-'"$1"'", "llm_ids": ['"$llm"'], "plugin_resources":
    [{"plugin_id": '"$plugin"', "resource_type_slug": "mcp_servers", "instance_ids": '"$(ids_json "$1")"'}]}' \
    | jq -e .id)" || return 1
  token[$1]="$(as "$user_key" "$API/apps/$app/credentials" -d '{}' | jq -r .token)"
}
for n in $(printf '%s\n' 1 $FANOUT | sort -nu); do
  deadline=$((SECONDS + ${WAIT_LIMIT:-300}))
  until new_app "$n" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.2; done
  [ -n "${token[$n]:-}" ] || { echo "could not create an App with $n servers" >&2; tail -20 "$work/system.log" >&2; exit 1; }
  until_ok held "$n"
done

# MCP by hand: initialize (+ notifications/initialized) at a URL, printing the session id
INIT='{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-11-25",
  "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}}'
LIST='{"jsonrpc": "2.0", "id": 2, "method": "tools/list"}'
call() { echo '{"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "'"$1"'",
  "arguments": {"message": "hello through the gateway"}}}'; }
post() { # url token session body
  curl -fsS -D "$work/headers" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H 'MCP-Protocol-Version: 2025-11-25' ${2:+-H "Authorization: Bearer $2"} ${3:+-H "Mcp-Session-Id: $3"} \
    "$1" -d "$4"
}
open_session() { # url [token]
  post "$1" "${2:-}" "" "$INIT" >/dev/null
  local session
  session="$(grep -i '^mcp-session-id:' "$work/headers" | cut -d' ' -f2 | tr -d '\r')"
  post "$1" "${2:-}" "$session" '{"jsonrpc": "2.0", "method": "notifications/initialized"}' >/dev/null
  echo "$session"
}
# every call measured is checked once first: a JSON-RPC result, not an error
check() { # what url token session body jq-test
  local answer
  answer="$(post "$2" "$3" "$4" "$5")"
  jq -e "has(\"result\") and ($6)" <<<"$answer" >/dev/null \
    || { echo "$1: unexpected answer: $answer" >&2; tail -20 "$work/system.log" >&2; exit 1; }
}

direct_url="http://127.0.0.1:$UPSTREAM_PORT/mcp"
pass_url="$GW/plugins/mcp/servers/${servers[0]}/mcp"
agg_url="$GW/plugins/mcp/mcp"
declare -A session
session[direct]="$(open_session "$direct_url")"
session[pass]="$(open_session "$pass_url" "${token[1]}")"
for n in $FANOUT; do session[agg$n]="$(open_session "$agg_url" "${token[$n]}")"; done

check direct "$direct_url" "" "${session[direct]}" "$(call echo)" '.result.content[0].text == "hello through the gateway"'
check pass-through "$pass_url" "${token[1]}" "${session[pass]}" "$(call echo)" '.result.content[0].text == "hello through the gateway"'
check "direct tools/list" "$direct_url" "" "${session[direct]}" "$LIST" '.result.tools | length == 3'
for n in $FANOUT; do
  check "aggregated $n initialize" "$agg_url" "${token[$n]}" "" "$INIT" \
    "[.result._meta[\"io.aigw/upstreams\"][] | select(.joined)] | length == $n"
  check "aggregated $n tools/list" "$agg_url" "${token[$n]}" "${session[agg$n]}" "$LIST" \
    ".result.tools | length == $((3 * n)) and (map(.name) | index(\"s$n\" + \"__echo\") != null)"
  check "aggregated $n tools/call" "$agg_url" "${token[$n]}" "${session[agg$n]}" "$(call "s${n}__echo")" \
    '.result.content[0].text == "hello through the gateway"'
done

# wrk prints latency with units; normalise to microseconds
to_us() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) print n; else if (v ~ /ms$/) print n * 1000;
                                 else if (v ~ /s$/) print n * 1000000; else print n }'; }
load() { # connections duration url body token session  -> wrk's output
  local headers=()
  [ -n "$5" ] && headers+=(-H "Authorization: Bearer $5")
  [ -n "$6" ] && headers+=(-H "Mcp-Session-Id: $6")
  MCP_BODY="$4" wrk -t1 -c"$1" -d"$2" --latency -s bench/mcp-post.lua "${headers[@]}" "$3"
}
# CPU time the system's JVM (gateway and control plane) has used, in clock ticks
ticks() { awk '{print $14 + $15}' "/proc/$system_pid/stat"; }
hz="$(getconf CLK_TCK)"
run() { # label connections results url body token session
  local out rps p50 p99 errors t0 t1 requests cpu
  t0="$(ticks)"
  out="$(load "$2" "$DURATION" "$4" "$5" "$6" "$7")"
  t1="$(ticks)"
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(to_us "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  p99="$(to_us "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  errors="$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')"
  # the gateway's CPU per request: what a side-by-side ratio on a shared machine cannot show
  # (under load only: one request at a time, the JVM's own background work would dominate)
  cpu=-
  [[ "$1" == direct* || "$2" == 1 ]] || cpu="$(( (t1 - t0) * 1000000 / hz / requests ))"
  printf '%-22s %5s %12s %10s %10s %12s  %s\n' "$1" "-c$2" "$rps" "$p50" "$p99" "$cpu" "$errors"
  echo "$1 $2 $rps $p50 $p99 $cpu" >>"$3"
}
header() { printf '%-22s %5s %12s %10s %10s %12s\n' path conns "requests/s" "p50 (us)" "p99 (us)" "gw cpu/req"; }

# the paths, each: url, body, token, session
declare -A url body tok sess
path() { url[$1]="$2"; body[$1]="$3"; tok[$1]="$4"; sess[$1]="$5"; }
path direct-call "$direct_url" "$(call echo)" "" "${session[direct]}"
path pass-call "$pass_url" "$(call echo)" "${token[1]}" "${session[pass]}"
path direct-init "$direct_url" "$INIT" "" ""
path direct-list "$direct_url" "$LIST" "" "${session[direct]}"
for n in $FANOUT; do
  path "agg$n-init" "$agg_url" "$INIT" "${token[$n]}" ""
  path "agg$n-list" "$agg_url" "$LIST" "${token[$n]}" "${session[agg$n]}"
  path "agg$n-call" "$agg_url" "$(call "s${n}__echo")" "${token[$n]}" "${session[agg$n]}"
done
measure() { # results connections label...
  local results=$1 conns=$2; shift 2
  for p in "$@"; do run "$p" "$conns" "$results" "${url[$p]}" "${body[$p]}" "${tok[$p]}" "${sess[$p]}"; done
}

# The JIT needs tens of thousands of requests through the gateway's paths (with the machine shared,
# its compiler threads get little CPU): the pass-through first and longest, then every other path.
echo "set up in ${SECONDS}s; warming up (${WARMUP}s)..."
warm() { load "$CONNECTIONS" "$2" "${url[$1]}" "${body[$1]}" "${tok[$1]}" "${sess[$1]}" >/dev/null; }
gateway_paths=(pass-call)
for n in $FANOUT; do gateway_paths+=("agg$n-init" "agg$n-list" "agg$n-call"); done
warm pass-call "$(( WARMUP / 3 ))s"
for p in "${gateway_paths[@]}"; do warm "$p" "$(( WARMUP * 2 / 3 / ${#gateway_paths[@]} + 1 ))s"; done
for p in direct-call direct-init direct-list; do warm "$p" 1s; done

echo
echo "1. tools/call, pass-through vs direct: wrk -t1 -d$DURATION, $ROUNDS alternating rounds, $(nproc) cores"
header
for _ in $(seq 1 "$ROUNDS"); do
  measure "$work/pass" "$CONNECTIONS" direct-call pass-call
  measure "$work/pass" 1 direct-call pass-call
done

# tools/call's baseline is part 1's direct-call
fanout_paths=(direct-init direct-list)
for n in $FANOUT; do fanout_paths+=("agg$n-init" "agg$n-list" "agg$n-call"); done
echo
echo "2. aggregated endpoint vs one upstream direct: wrk -t1 -d$DURATION, $FANOUT_ROUNDS round(s)"
header
for _ in $(seq 1 "$FANOUT_ROUNDS"); do
  measure "$work/fanout" "$CONNECTIONS" "${fanout_paths[@]}"
  measure "$work/fanout" 1 "${fanout_paths[@]}"
done

echo
echo "summary (means over the rounds; req/s and gw cpu/req at -c$CONNECTIONS; p50 and 'added p50' one request at a time, -c1)"
awk -v c="$CONNECTIONS" -v fanout="$FANOUT" '
  { k = $1 " " $2; rps[k] += $3; p50[k] += $4; cpu[k] += $6; n[k]++ }
  function r(p) { k = p " " c; return rps[k] / n[k] }
  function u(p) { k = p " " c; return cpu[k] / n[k] }
  function l(p) { k = p " 1"; return p50[k] / n[k] }
  function lc(p) { k = p " " c; return p50[k] / n[k] }
  END {
    printf "pass-through tools/call: %.0f req/s vs direct %.0f, ratio %.3f; p50 %.0f us vs %.0f us, added %.0f us; gateway cpu %.0f us/request\n",
           r("pass-call"), r("direct-call"), r("pass-call") / r("direct-call"),
           l("pass-call"), l("direct-call"), l("pass-call") - l("direct-call"), u("pass-call")
    printf "pass-through tools/call under load (-c%d): p50 %.0f us vs %.0f us, added %.0f us\n", c,
           lc("pass-call"), lc("direct-call"), lc("pass-call") - lc("direct-call")
    split(fanout, ns, " ")
    printf "%-36s %9s %7s %10s %10s %11s\n", "aggregated vs one upstream direct", "req/s", "ratio", "p50 (us)", "added p50",
           "gw cpu/req"
    split("init list call", ms, " "); split("initialize tools/list tools/call", names, " ")
    for (m = 1; m <= 3; m++) {
      d = "direct-" ms[m]
      printf "%-36s %9.0f %7s %10.0f %10s %11s\n", names[m] " direct", r(d), "", l(d), "", ""
      for (i = 1; i in ns; i++) {
        a = "agg" ns[i] "-" ms[m]
        printf "%-36s %9.0f %7.3f %10.0f %10.0f %11.0f\n", names[m] " aggregated, " ns[i] " upstream" (ns[i] == 1 ? "" : "s"),
               r(a), r(a) / r(d), l(a), l(a) - l(d), u(a)
      }
    }
  }' "$work/pass" "$work/fanout"
