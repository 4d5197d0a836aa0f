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
source scripts/java-env.sh

CHANGES="${CHANGES:-100}"
STUDIO_PORT=18180
GATEWAY_PORT=18181
EDGE_A_PORT=18191
EDGE_B_PORT=18192

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building..."
  mvn -B -ntp -q -DskipTests package
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

admin_key="bench_admin_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
edge_secret="bench_edge_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
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

wait_for() { for _ in $(seq 1 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done;
             echo "timed out waiting for $1" >&2; tail -20 "$work"/*.log >&2; exit 1; }
wait_for "http://127.0.0.1:$EDGE_A_PORT/plugins/echo/public"
wait_for "http://127.0.0.1:$EDGE_B_PORT/plugins/echo/public"

java -cp "gateway/target/test-classes:studio-api/target/lib/*" io.aigw.gateway.bench.EdgeLatency \
  "http://127.0.0.1:$STUDIO_PORT/" "$admin_key" "$CHANGES" \
  "http://127.0.0.1:$EDGE_A_PORT/" "http://127.0.0.1:$EDGE_B_PORT/"
curl -fsS -H "Authorization: Bearer $admin_key" "http://127.0.0.1:$STUDIO_PORT/api/v1/edges"; echo
