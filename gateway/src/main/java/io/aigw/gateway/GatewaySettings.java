package io.aigw.gateway;

import io.aigw.gateway.http.HttpSettings;
import io.aigw.loader.PluginHostSettings;
import io.aigw.loader.calls.CallLimits;
import io.aigw.loader.grpc.ExternalPluginSettings;
import io.aigw.loader.host.RestartPolicy;

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
 * @param pluginInitTimeout how long a plugin's start (load, {@code initialize()}, registrations) may
 *                        take before it is abandoned and the plugin marked failed
 *                        ({@code PLUGIN_INIT_TIMEOUT}, default 30s)
 * @param callLimits      how many unary calls and streams one plugin may run at once; more answer
 *                        503 ({@code PLUGIN_MAX_CONCURRENT_REQUESTS}, default 256;
 *                        {@code PLUGIN_MAX_CONCURRENT_STREAMS}, default 10000)
 * @param http            connection limits and timeouts of the HTTP server ({@code HTTP_*}); the
 *                        control plane's API server uses the same
 * @param shutdownGrace   on stop, how long requests and streams in flight may run on after the gateway
 *                        stopped accepting, before they are cut and the plugins are shut down
 *                        ({@code SHUTDOWN_GRACE}, default 10s)
 */
public record GatewaySettings(String host, int port, Path pluginsDir, Duration unaryTimeout,
                              Duration streamTimeout, long maxBodySize, Duration streamHeartbeat,
                              Duration pluginsDirScanInterval, Path workDir, Duration pluginHandshakeTimeout,
                              Duration pluginInitTimeout, CallLimits callLimits, HttpSettings http,
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
                Durations.parse(or(get.apply("PLUGIN_INIT_TIMEOUT"), "30s")),
                new CallLimits(Integer.parseInt(or(get.apply("PLUGIN_MAX_CONCURRENT_REQUESTS"), "256")),
                        Integer.parseInt(or(get.apply("PLUGIN_MAX_CONCURRENT_STREAMS"), "10000"))),
                HttpSettings.fromEnv(env),
                Durations.parse(or(get.apply("SHUTDOWN_GRACE"), "10s")));
    }

    /**
     * The plugin host these settings call for (built by the process's main, see
     * {@code LocalPluginHost}): a replaced generation's requests may run for the stream timeout
     * and a little more before it is shut down.
     */
    public PluginHostSettings pluginHost() {
        ExternalPluginSettings external = ExternalPluginSettings.defaults(unaryTimeout, streamTimeout, maxBodySize)
                .withHandshakeTimeout(pluginHandshakeTimeout);
        return new PluginHostSettings(pluginsDir, pluginsDirScanInterval, workDir, external, pluginInitTimeout,
                streamTimeout.plusSeconds(5), RestartPolicy.DEFAULT, callLimits);
    }

    public GatewaySettings withPort(int port) {
        return new GatewaySettings(host, port, pluginsDir, unaryTimeout, streamTimeout, maxBodySize,
                streamHeartbeat, pluginsDirScanInterval, workDir, pluginHandshakeTimeout, pluginInitTimeout, callLimits,
                http, shutdownGrace);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
