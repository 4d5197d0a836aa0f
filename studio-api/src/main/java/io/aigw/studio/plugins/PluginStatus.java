package io.aigw.studio.plugins;

import io.aigw.gateway.PluginReport;

import java.util.List;

/** What the gateway reports about a plugin, as shown in the plugin's JSON. */
public record PluginStatus(String state, String version, String error, int restarts, String slug,
                           List<String> endpoints, String since) {

    static PluginStatus of(PluginReport r) {
        return new PluginStatus(r.state(), r.version(), r.error(), r.restarts(), r.slug(), r.endpoints(),
                r.since() == null ? null : r.since().toString());
    }
}
