#!/bin/sh
# Runs this plugin as an external (gRPC) plugin: register it with command file://<this file's
# absolute path>. The gateway starts it; run by hand it refuses (see docs/plugin-protocol.md).
# Generated from plugins/external-launcher.sh by the plugin's build.
dir="$(cd "$(dirname "$0")" && pwd)"
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
# JVM warnings go to stderr: stdout carries the handshake line.
exec "$java" --enable-native-access=ALL-UNNAMED -Xlog:all=warning:stderr ${AIGW_PLUGIN_JAVA_OPTS:-} \
  -cp "$dir/@JAR@:$dir/external-lib/*" io.aigw.runtime.ExternalPluginMain "$@"
