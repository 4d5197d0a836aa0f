#!/usr/bin/env bash
# The plugin conformance checker: plays the gateway's part against a plugin, in any language, and
# reports check by check what it does against docs/plugin-protocol.md (handshake and cookie, socket,
# Initialize, routes, unary calls, stream chunk order, cancellation, Ping, Shutdown and exit,
# Resource Provider calls when announced).
#
#   scripts/plugin-conformance.sh file:///abs/path/to/binary [--config slug=x] [--get /path?q=1] ...
#   scripts/plugin-conformance.sh grpc://host:port
#
# Exit status: 0 conforms, 1 violates the contract, 2 usage or setup error. Options: run it without
# arguments. Built with the rest (mvn -DskipTests package); built here first if it is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/java-env.sh"
checker_jar() {
  ls "$root"/plugin-loader/target/plugin-loader-*.jar 2>/dev/null | grep -v -- '-tests\.jar$' | head -n 1 || true
}
jar="$(checker_jar)"
if [ -z "$jar" ] || [ ! -d "$root/plugin-loader/target/lib" ]; then
  echo "building the conformance checker first (mvn -DskipTests package -pl plugin-loader -am) ..." >&2
  (cd "$root" && mvn -B -ntp -q -DskipTests -Daot.skip package -pl plugin-loader -am >&2) || exit 2
  jar="$(checker_jar)"
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$jar:$root/plugin-loader/target/lib/*" \
  io.aigw.loader.conformance.PluginConformance "$@"
