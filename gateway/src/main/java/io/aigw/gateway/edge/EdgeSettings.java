package io.aigw.gateway.edge;

import io.aigw.gateway.Durations;
import io.aigw.gateway.GatewaySettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An edge gateway's settings, from the environment: CONTROL_PLANE_URL, EDGE_SECRET, EDGE_NAME,
 * DATA_DIR, EDGE_RECONNECT_MAX, EDGE_IDLE_TIMEOUT, EDGE_STORE_TIMEOUT, plus every gateway setting (GATEWAY_PORT, PLUGINS_DIR,
 * PLUGIN_ENDPOINT_*).
 *
 * @param controlPlanes CONTROL_PLANE_URL: one or more control planes of one database, separated
 *                      by commas; the edge streams from one at a time and fails over to the next
 * @param reconnectMax the cap on the wait between reconnection attempts
 * @param idleTimeout  a stream silent this long (the control plane sends heartbeats every second)
 *                     is taken as dead and reconnected
 * @param storeTimeout the most one plugin store call may take (the store is the control plane's);
 *                     past it the plugin gets a {@code StoreUnavailableException}
 */
public record EdgeSettings(List<URI> controlPlanes, String secret, String name, Path dataDir, Duration reconnectMax,
                           Duration idleTimeout, Duration storeTimeout, GatewaySettings gateway) {

    public static EdgeSettings fromEnv(Map<String, String> env) {
        List<URI> planes = new ArrayList<>();
        for (String url : required(env, "CONTROL_PLANE_URL").split(",")) {
            String u = url.strip();
            if (!u.isEmpty()) {
                URI uri = URI.create(u.endsWith("/") ? u : u + "/");
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("CONTROL_PLANE_URL: '" + u + "' is not an http(s) URL");
                }
                planes.add(uri);
            }
        }
        if (planes.isEmpty()) {
            throw new IllegalArgumentException("CONTROL_PLANE_URL must name at least one control plane");
        }
        return new EdgeSettings(
                List.copyOf(planes),
                required(env, "EDGE_SECRET"),
                or(env.get("EDGE_NAME"), defaultName()),
                Path.of(or(env.get("DATA_DIR"), "./data")).toAbsolutePath().normalize(),
                Durations.parse(or(env.get("EDGE_RECONNECT_MAX"), "5s")),
                Durations.parse(or(env.get("EDGE_IDLE_TIMEOUT"), "5s")),
                positive("EDGE_STORE_TIMEOUT", Durations.parse(or(env.get("EDGE_STORE_TIMEOUT"), "5s"))),
                GatewaySettings.fromEnv(env));
    }

    public Path snapshotFile() {
        return dataDir.resolve("edge-snapshot.json");
    }

    /** Hand-written so the secret never reaches a log. */
    @Override
    public String toString() {
        return "EdgeSettings[controlPlanes=" + controlPlanes + ", name=" + name + ", dataDir=" + dataDir
                + ", reconnectMax=" + reconnectMax + ", storeTimeout=" + storeTimeout + ", secret=set, gateway=" + gateway + "]";
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be set for an edge gateway");
        }
        return value.trim();
    }

    private static Duration positive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be longer than zero");
        }
        return value;
    }

    private static String defaultName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (java.net.UnknownHostException e) {
            return "edge";
        }
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
