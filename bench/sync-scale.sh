#!/usr/bin/env bash
# Config sync at scale: does a write cost the same with 100,000 Apps as with 1,000?
#
# For each scale: a PostgreSQL of its own (the machine's, /usr/lib/postgresql/*; PG_OPTIONS), migrated by a
# first start of the control plane, then N Apps with one credential each bulk-loaded straight into
# it (one INSERT ... SELECT; its triggers log the changes as any write would). Then two control
# planes on that database (java -jar studio-api.jar, different ports) and two edges (java -jar
# gateway.jar): edge A streams from control plane 1 (falling back to 2), edge B from 2 (falling
# back to 1). io.aigw.gateway.bench.SyncScale then makes single writes through the admin API,
# alternating between the control planes (an App created, then a credential for a random one of
# the N), and measures:
#   write p50/p99        each API call, request to response
#   change-to-live       from before a credential's API call until BOTH edges accept its token
#   bytes per change     what each edge was sent per committed change (the control planes' counts)
#   heap                 each JVM's heap after a full GC (jcmd GC.run), with N Apps loaded
# and prints the scales side by side with their ratio (last / first).
#
#   bench/sync-scale.sh                          # 1,000 and 100,000 Apps, 200 rounds each
#   SCALES="1000 10000 100000" ROUNDS=300 SKIP_BUILD=1 bench/sync-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SCALES="${SCALES:-1000 100000}"
ROUNDS="${ROUNDS:-200}"
WARMUP="${WARMUP:-50}"
CP_HEAP="${CP_HEAP:-2g}"
# as ./run.sh's embedded PostgreSQL runs; PG_OPTIONS="-c synchronous_commit=on" measures with a WAL
# flush per commit (on a busy disk that flush, not the control plane, is most of a write)
PG_OPTIONS="${PG_OPTIONS:--c synchronous_commit=off}"
EDGE_HEAP="${EDGE_HEAP:-1g}"
PG_PORT=18432
CP1_PORT=18280; CP1_GATEWAY=18281
CP2_PORT=18282; CP2_GATEWAY=18283
EDGE_A_PORT=18291; EDGE_B_PORT=18292

source bench/common.sh

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$pg_bin/initdb" ] || { echo "needs a PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
chmod 755 "$work"

admin_key="$(random_secret bench_admin_)"
edge_secret="$(random_secret bench_edge_)"

# Waits until a URL answers 2xx (up to 10 minutes: a whole 100,000-App snapshot takes a while on a
# busy machine); the optional bearer token authenticates the request.
wait_ok() {
  local url="$1" token="${2:-}"
  for _ in $(seq 1 6000); do
    if [ -n "$token" ]; then
      curl -fsS -o /dev/null -H "Authorization: Bearer $token" "$url" 2>/dev/null && return 0
    else
      curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    fi
    sleep 0.1
  done
  echo "timed out waiting for $url" >&2; tail -20 "$work"/*/*.log >&2; exit 1
}

stop() { for pid in "$@"; do kill "$pid" 2>/dev/null || true; done; for pid in "$@"; do wait "$pid" 2>/dev/null || true; done; }

start_cp() { # <dir> <api port> <gateway port>
  mkdir -p "$1/plugins"
  [ -f "$1/plugins/echo-endpoint.jar" ] || cp plugins/echo-endpoint/target/echo-endpoint.jar "$1/plugins/"
  DATABASE_URL="$db_url" DATA_DIR="$1/data" PLUGINS_DIR="$1/plugins" STUDIO_PORT="$2" GATEWAY_PORT="$3" \
    STUDIO_ADMIN_KEY="$admin_key" STUDIO_EDGE_SECRET="$edge_secret" \
    java -Xmx"$CP_HEAP" -jar studio-api/target/studio-api.jar >"$1/cp.log" 2>&1 &
  last_pid=$!
  pids+=("$last_pid")
}

start_edge() { # <dir> <name> <port> <control planes>
  mkdir -p "$1/plugins"
  [ -f "$1/plugins/echo-endpoint.jar" ] || cp plugins/echo-endpoint/target/echo-endpoint.jar "$1/plugins/"
  CONTROL_PLANE_URL="$4" EDGE_SECRET="$edge_secret" EDGE_NAME="$2" GATEWAY_PORT="$3" \
    PLUGINS_DIR="$1/plugins" DATA_DIR="$1/data" \
    java -Xmx"$EDGE_HEAP" -jar gateway/target/gateway.jar >"$1/edge.log" 2>&1 &
  last_pid=$!
  pids+=("$last_pid")
}

run_scale() { # <apps>
  local n="$1" dir="$work/apps-$1"
  mkdir -p "$dir/pg" && chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir/pg"
  as_postgres "$pg_bin/initdb" -D "$dir/pg" -A trust -U postgres >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" -w \
    -o "-p $PG_PORT -k $dir/pg -c listen_addresses=127.0.0.1 -c max_connections=100 $PG_OPTIONS" start >/dev/null
  db_url="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=postgres"
  local psql=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt)

  # the schema, from a first start of the control plane
  start_cp "$dir/cp1" $CP1_PORT $CP1_GATEWAY
  wait_ok "http://127.0.0.1:$CP1_GATEWAY/plugins/echo/public"
  stop "$last_pid"

  # N Apps with one credential each; the token of App i is aigw_bench_<i>
  local t0=$SECONDS
  "${psql[@]}" <<SQL
insert into apps (name, owner_email) select 'bench-app-' || g, 'owner-' || g || '@example.com'
  from generate_series(1, $n) g;
insert into credentials (app_id, token_hash, token_prefix)
  select id, encode(sha256(convert_to('aigw_bench_' || id, 'UTF8')), 'hex'), 'aigw_bench_'
  from apps where name like 'bench-app-%';
SQL
  echo "  loaded $n Apps and credentials in $((SECONDS - t0)) s" >&2

  start_cp "$dir/cp1" $CP1_PORT $CP1_GATEWAY; local cp1=$last_pid
  wait_ok "http://127.0.0.1:$CP1_GATEWAY/plugins/echo/hello" "aigw_bench_$n"
  start_cp "$dir/cp2" $CP2_PORT $CP2_GATEWAY; local cp2=$last_pid
  wait_ok "http://127.0.0.1:$CP2_GATEWAY/plugins/echo/hello" "aigw_bench_$n"
  local p1="http://127.0.0.1:$CP1_PORT" p2="http://127.0.0.1:$CP2_PORT"
  start_edge "$dir/edge-a" edge-a $EDGE_A_PORT "$p1,$p2"; local ea=$last_pid
  start_edge "$dir/edge-b" edge-b $EDGE_B_PORT "$p2,$p1"; local eb=$last_pid
  wait_ok "http://127.0.0.1:$EDGE_A_PORT/plugins/echo/hello" "aigw_bench_$n"
  wait_ok "http://127.0.0.1:$EDGE_B_PORT/plugins/echo/hello" "aigw_bench_$n"
  echo "  both control planes and both edges serve the $n Apps; measuring $ROUNDS rounds" >&2

  java -cp "gateway/target/test-classes:studio-api/target/lib/*" io.aigw.gateway.bench.SyncScale \
    "$admin_key" "$ROUNDS" "$WARMUP" "$n" "$p1/" "$p2/" \
    "http://127.0.0.1:$EDGE_A_PORT/" "http://127.0.0.1:$EDGE_B_PORT/" "$cp1" "$cp2" "$ea" "$eb"

  stop "$ea" "$eb" "$cp1" "$cp2"
  as_postgres "$pg_bin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null
}

declare -A results
scales=($SCALES)
for n in "${scales[@]}"; do
  echo "== $n Apps" >&2
  run_scale "$n" >"$work/result-$n" # not in a subshell: the exit trap must see every process started
  results[$n]="$(cat "$work/result-$n")"
  echo "  ${results[$n]}" >&2
done

# side by side: one row per measure, one column per scale, then last/first
first="${scales[0]}"; last="${scales[-1]}"
value() { tr ' ' '\n' <<<"${results[$1]}" | sed -n "s/^$2=//p"; }
echo
printf '%-28s' "measure"; for n in "${scales[@]}"; do printf '%14s' "$n Apps"; done; printf '%10s\n' "ratio"
for key in write_p50_ms write_p99_ms live_p50_ms live_p99_ms bytes_per_change_per_edge deltas_per_change \
           whole_snapshot_bytes cp1_heap_mib cp2_heap_mib edge_a_heap_mib edge_b_heap_mib; do
  printf '%-28s' "$key"
  for n in "${scales[@]}"; do printf '%14s' "$(value "$n" "$key")"; done
  awk -v a="$(value "$first" "$key")" -v b="$(value "$last" "$key")" \
    'BEGIN { if (a > 0) printf "%10.2f\n", b / a; else print "         -" }'
done
