#!/usr/bin/env bash
# Change-to-live latency in hybrid mode: a control plane and two edge gateways as real processes
# (java -jar studio-api.jar, java -jar gateway.jar), each edge with its own plugins and data dir.
# CHANGES credential changes (issue, revoke, issue, ...) go through the admin API; each is timed
# from before the API call until BOTH edges answer accordingly. Prints p50/p90/p99/max.
#
#   bench/edge-latency.sh                 # 100 changes
#   CHANGES=500 SKIP_BUILD=1 bench/edge-latency.sh
set -euo pipefail
cd "$(dirname "$0")/.."

CHANGES="${CHANGES:-100}"
STUDIO_PORT=18180
GATEWAY_PORT=18181
EDGE_A_PORT=18191
EDGE_B_PORT=18192

source bench/common.sh

admin_key="$(random_secret bench_admin_)"
edge_secret="$(random_secret bench_edge_)"
for d in cp edge-a edge-b; do
  mkdir -p "$work/$d/plugins"
  cp plugins/echo-endpoint/target/echo-endpoint.jar "$work/$d/plugins/"
done

DATA_DIR="$work/cp/data" PLUGINS_DIR="$work/cp/plugins" STUDIO_PORT=$STUDIO_PORT GATEWAY_PORT=$GATEWAY_PORT \
  STUDIO_ADMIN_KEY="$admin_key" STUDIO_EDGE_SECRET="$edge_secret" \
  java -jar studio-api/target/studio-api.jar >"$work/cp.log" 2>&1 &
pids+=($!)
for e in a b; do
  port_var="EDGE_${e^^}_PORT"
  CONTROL_PLANE_URL="http://127.0.0.1:$STUDIO_PORT" EDGE_SECRET="$edge_secret" EDGE_NAME="edge-$e" \
    GATEWAY_PORT="${!port_var}" PLUGINS_DIR="$work/edge-$e/plugins" DATA_DIR="$work/edge-$e/data" \
    java -jar gateway/target/gateway.jar >"$work/edge-$e.log" 2>&1 &
  pids+=($!)
done

wait_for "http://127.0.0.1:$EDGE_A_PORT/plugins/echo/public"
wait_for "http://127.0.0.1:$EDGE_B_PORT/plugins/echo/public"

java -cp "gateway/target/test-classes:studio-api/target/lib/*" io.aigw.gateway.bench.EdgeLatency \
  "http://127.0.0.1:$STUDIO_PORT/" "$admin_key" "$CHANGES" \
  "http://127.0.0.1:$EDGE_A_PORT/" "http://127.0.0.1:$EDGE_B_PORT/"
curl -fsS -H "Authorization: Bearer $admin_key" "http://127.0.0.1:$STUDIO_PORT/api/v1/edges"; echo
