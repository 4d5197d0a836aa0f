#!/usr/bin/env bash
# Starts the whole system: control plane API on :8080, gateway on :8081, embedded PostgreSQL
# (data in ./data), and the example plugins dropped into ./plugins. Builds what it needs first.
# Set SKIP_BUILD=1 to start from what is already built.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java-env.sh

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "Building (mvn package, tests skipped)..."
  mvn -B -ntp -q -DskipTests package
fi

plugins_dir="${PLUGINS_DIR:-plugins}"
mkdir -p "$plugins_dir"
for jar in plugins/*/target/*.jar; do
  case "$(basename "$jar")" in original-*) continue ;; esac
  # -u: only when the build is newer, so a running gateway sees a real change, not a touch
  cp -u "$jar" "$plugins_dir/$(basename "$jar")"
done

exec java ${JAVA_OPTS:-} -jar studio-api/target/studio-api.jar
