package io.aigw.gateway;

import java.time.Instant;
import java.util.List;

/**
 * What the gateway knows about one registered plugin, for {@code GET /api/v1/plugins/{id}}.
 *
 * @param state     {@code starting}, {@code running}, {@code failed}, {@code stopped}
 * @param error     the last error (load failure, slug conflict, ...), or null
 * @param endpoints served routes, e.g. {@code GET /plugins/echo/*}
 */
public record PluginReport(long pluginId, String state, String version, String error, int restarts,
                           String slug, List<String> endpoints, Instant since) {
    public PluginReport {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }
}
