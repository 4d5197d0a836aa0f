package io.aigw.studio;

import io.aigw.gateway.Durations;
import io.aigw.gateway.GatewaySettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Control-plane settings, read from environment variables (names as in DESIGN.md).
 *
 * @param host        address the admin API binds to
 * @param port        admin API port; 0 picks a free one (see {@link Studio#port()})
 * @param databaseUrl external PostgreSQL, or null to run an embedded one under {@code dataDir/postgres}
 * @param adminKey    bootstrap admin key, or null (one is generated on first start)
 * @param edgeSecret  the secret edge gateways authenticate with (STUDIO_EDGE_SECRET), or null:
 *                    hybrid edges are then refused
 * @param resourceProviderTimeout how long one call to a Resource Provider plugin may take
 *                    (RESOURCE_PROVIDER_TIMEOUT); past it the API call it serves answers 503
 * @param pluginUiTimeout how long one call to a plugin's UI (an asset, its manifest, an RPC call,
 *                    its config schema) may take (PLUGIN_UI_TIMEOUT); past it the browser gets 504
 * @param cookieSecure whether the UI session cookie is marked Secure (STUDIO_COOKIE_SECURE=true):
 *                    set it when browsers reach the control plane over HTTPS
 * @param instanceRefreshInterval how often the copies Apps keep of the plugin resource instances
 *                    they hold are re-read from their providers (INSTANCE_REFRESH_INTERVAL; 0: never,
 *                    only on provider start, UI RPC calls and instance creation)
 */
public record StudioSettings(String host, int port, Path dataDir, String databaseUrl, String adminKey,
                             GatewaySettings gateway, String edgeSecret, Duration resourceProviderTimeout,
                             Duration pluginUiTimeout, boolean cookieSecure, Duration instanceRefreshInterval) {

    /** How often an idle edge stream carries a heartbeat, so a dead edge is noticed. */
    public static final Duration EDGE_HEARTBEAT = Duration.ofSeconds(1);

    public static StudioSettings fromEnv(Map<String, String> env) {
        return new StudioSettings(
                or(env.get("STUDIO_HOST"), "0.0.0.0"),
                Integer.parseInt(or(env.get("STUDIO_PORT"), "8080")),
                Path.of(or(env.get("DATA_DIR"), "./data")).toAbsolutePath().normalize(),
                or(env.get("DATABASE_URL"), null),
                or(env.get("STUDIO_ADMIN_KEY"), null),
                GatewaySettings.fromEnv(env),
                or(env.get("STUDIO_EDGE_SECRET"), null),
                positive("RESOURCE_PROVIDER_TIMEOUT", Durations.parse(or(env.get("RESOURCE_PROVIDER_TIMEOUT"), "10s"))),
                positive("PLUGIN_UI_TIMEOUT", Durations.parse(or(env.get("PLUGIN_UI_TIMEOUT"), "10s"))),
                flag("STUDIO_COOKIE_SECURE", or(env.get("STUDIO_COOKIE_SECURE"), "false")),
                notNegative("INSTANCE_REFRESH_INTERVAL", Durations.parse(or(env.get("INSTANCE_REFRESH_INTERVAL"), "60s"))));
    }

    /** Hand-written so a debug print of the settings never shows the key or the database password. */
    @Override
    public String toString() {
        return "StudioSettings[host=" + host + ", port=" + port + ", dataDir=" + dataDir
                + ", database=" + (databaseUrl == null ? "embedded" : "external")
                + ", adminKey=" + (adminKey == null ? "unset" : "set") + ", edgeSecret="
                + (edgeSecret == null ? "unset (hybrid edges refused)" : "set") + ", resourceProviderTimeout="
                + resourceProviderTimeout + ", pluginUiTimeout=" + pluginUiTimeout + ", cookieSecure=" + cookieSecure
                + ", instanceRefreshInterval=" + instanceRefreshInterval
                + ", gateway=" + gateway + "]";
    }

    private static Duration positive(String name, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be longer than 0");
        }
        return value;
    }

    private static Duration notNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return value;
    }

    private static boolean flag(String name, String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
        };
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
