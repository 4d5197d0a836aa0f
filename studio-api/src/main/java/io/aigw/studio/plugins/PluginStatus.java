package io.aigw.studio.plugins;

import io.aigw.gateway.PluginReport;

import java.util.List;

/**
 * What the gateway reports about a plugin, as shown in the plugin's JSON.
 *
 * @param pid              the OS process serving the plugin ({@code file://} plugins while one
 *                         serves); null for in-process and {@code grpc://} plugins
 * @param processStartedAt when that process was started (ISO-8601), or null
 */
public record PluginStatus(String state, String version, String error, int restarts, String slug,
                           List<String> endpoints, String since, Long pid, String processStartedAt) {

    static PluginStatus of(PluginReport r) {
        return new PluginStatus(r.state(), r.version(), r.error(), r.restarts(), r.slug(), r.endpoints(),
                r.since() == null ? null : r.since().toString(), r.pid(),
                r.processStartedAt() == null ? null : r.processStartedAt().toString());
    }
}
