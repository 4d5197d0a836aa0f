#!/usr/bin/env bash
# Runs every test: unit tests and end-to-end tests against a really started system
# (embedded PostgreSQL, the real echo plugin jar loaded through PF4J, real HTTP).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java-env.sh
exec mvn -B -ntp verify "$@"
