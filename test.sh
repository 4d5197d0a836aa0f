#!/usr/bin/env bash
# Runs every test: unit tests and end-to-end tests against a really started system
# (embedded PostgreSQL, the real echo plugin jar loaded through PF4J, real HTTP).
# The command itself lives in .ci/run, so CI and this script can never drift apart.
exec "$(dirname "$0")/.ci/run" "$@"
