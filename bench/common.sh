# Sourced by the bench scripts, from the repository root: JDK selection, an optional build, a
# scratch directory whose processes are stopped on exit, and small helpers.

source scripts/java-env.sh

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

# A throwaway secret with a recognisable prefix, e.g. $(random_secret bench_admin_)
random_secret() { echo "$1$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"; }

# Waits until a URL answers 2xx (30 s at most); on timeout shows the logs in $work and exits.
wait_for() {
  for _ in $(seq 1 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for $1" >&2; tail -20 "$work"/*.log >&2; exit 1
}
