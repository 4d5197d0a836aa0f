#!/bin/sh
# Runs this plugin as an external (gRPC) plugin: register it with command file://<this file's
# absolute path>. The gateway starts it; run by hand it refuses (see docs/plugin-protocol.md).
# Generated from plugins/external-launcher.sh by the plugin's build.
dir="$(cd "$(dirname "$0")" && pwd)"
self="$dir/$(basename "$0")"
# A Java plugin runs on the gateway's JDK when the gateway says which (AIGW_PLUGIN_JAVA), else on
# JAVA_HOME's, else on the JDK that built it.
if [ -n "${AIGW_PLUGIN_JAVA:-}" ] && [ -x "$AIGW_PLUGIN_JAVA" ]; then
  java="$AIGW_PLUGIN_JAVA"
elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
elif [ -x "@BUILD_JAVA@" ]; then
  java="@BUILD_JAVA@"
else
  java=java
fi
# The AOT cache the build trained beside this file (JDK 25+, tools/aot-trainer) is
# used only
#  - with the JDK that built it: an older one would refuse the option;
#  - while no jar is newer than it: the JVM does not notice a replaced jar and would run the classes
#    it cached (the build retrains it on every package).
# A cache the JVM cannot use (other JDK build, other JVM options, damaged) is ignored by the JVM with
# an error line on stderr; the plugin starts either way.
aot=""
if [ -f "$self.aot" ] && [ "$(readlink -f "$(command -v "$java")" 2>/dev/null)" = "$(readlink -f "@BUILD_JAVA@" 2>/dev/null)" ]; then
  aot="-XX:AOTCache=$self.aot"
  for jar in "$dir/@JAR@" "$dir"/external-lib/*; do
    if [ "$jar" -nt "$self.aot" ]; then
      echo "$(basename "$self"): $jar is newer than $self.aot: running without the AOT cache (rebuild to retrain it)" >&2
      aot=""
      break
    fi
  done
fi
# stdout carries the handshake line: every JVM message goes to stderr (-Xlog:disable first, or
# warnings and errors would still reach stdout too; DisplayVMOutputToStderr for the rest).
exec "$java" --enable-native-access=ALL-UNNAMED -Xlog:disable -Xlog:all=warning:stderr \
  -XX:+DisplayVMOutputToStderr ${aot:+"$aot"} ${AIGW_PLUGIN_JAVA_OPTS:-} \
  -cp "$dir/@JAR@:$dir/external-lib/*" io.aigw.runtime.ExternalPluginMain "$@"
