package io.aigw.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Gateway settings, read from environment variables (names as in DESIGN.md's external contract).
 *
 * @param streamHeartbeat how long an SSE response may stay idle before the gateway writes a comment
 *                        line; this is how a vanished client is noticed while the plugin is quiet.
 *                        Zero disables it.
 * @param workDir         where loaded plugin jars are staged (so replacing a jar never disturbs the
 *                        copy still serving in-flight requests)
 * @param pluginHandshakeTimeout how long an external plugin may take to print its handshake line,
 *                        and to answer Initialize ({@code PLUGIN_HANDSHAKE_TIMEOUT}, default 10s)
 * @param shutdownGrace   on stop, how long requests and streams in flight may run on after the gateway
 *                        stopped accepting, before they are cut and the plugins are shut down
 *                        ({@code SHUTDOWN_GRACE}, default 10s)
 */
public record GatewaySettings(String host, int port, Path pluginsDir, Duration unaryTimeout,
                              Duration streamTimeout, long maxBodySize, Duration streamHeartbeat,
                              Duration pluginsDirScanInterval, Path workDir, Duration pluginHandshakeTimeout,
                              Duration shutdownGrace) {

    public static GatewaySettings fromEnv(Map<String, String> env) {
        Function<String, String> get = env::get;
        return new GatewaySettings(
                or(get.apply("GATEWAY_HOST"), "0.0.0.0"),
                Integer.parseInt(or(get.apply("GATEWAY_PORT"), "8081")),
                Path.of(or(get.apply("PLUGINS_DIR"), "./plugins")).toAbsolutePath().normalize(),
                Durations.parse(or(get.apply("PLUGIN_ENDPOINT_UNARY_TIMEOUT"), "60s")),
                Durations.parse(or(get.apply("PLUGIN_ENDPOINT_STREAM_TIMEOUT"), "5m")),
                Long.parseLong(or(get.apply("PLUGIN_ENDPOINT_MAX_BODY_SIZE"), "1048576")),
                Durations.parse(or(get.apply("PLUGIN_ENDPOINT_STREAM_HEARTBEAT"), "250ms")),
                Durations.parse(or(get.apply("PLUGINS_DIR_SCAN_INTERVAL"), "500ms")),
                Path.of(or(get.apply("DATA_DIR"), "./data")).toAbsolutePath().normalize().resolve("plugin-cache"),
                Durations.parse(or(get.apply("PLUGIN_HANDSHAKE_TIMEOUT"), "10s")),
                Durations.parse(or(get.apply("SHUTDOWN_GRACE"), "10s")));
    }

    public GatewaySettings withPort(int port) {
        return new GatewaySettings(host, port, pluginsDir, unaryTimeout, streamTimeout, maxBodySize,
                streamHeartbeat, pluginsDirScanInterval, workDir, pluginHandshakeTimeout, shutdownGrace);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
