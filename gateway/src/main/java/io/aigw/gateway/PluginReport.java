package io.aigw.gateway;

import java.time.Instant;
import java.util.List;

/**
 * What the gateway knows about one registered plugin, for {@code GET /api/v1/plugins/{id}}.
 *
 * @param state     {@code starting}, {@code running}, {@code failed}, {@code stopped}
 * @param error     the last error (load failure, slug conflict, ...), or null
 * @param endpoints served routes, e.g. {@code GET /plugins/echo/*}
 * @param pid       the OS process serving the plugin, for {@code file://} plugins while one serves; else null
 * @param processStartedAt when that process was started; null when {@code pid} is
 */
public record PluginReport(long pluginId, String state, String version, String error, int restarts,
                           String slug, List<String> endpoints, Instant since, Long pid,
                           Instant processStartedAt) {
    public PluginReport {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }
}
