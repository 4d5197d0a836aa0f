package io.aigw.examples.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.plugin.api.App;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.plugin.api.ResourceInstance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MCP servers the calling App holds: its {@code mcp_servers} selections of this plugin
 * registration, as the control plane's instance copies describe them (what every gateway, edges
 * included, gets with the App). The gateway tells the plugin its registration id in the request's
 * context ({@code plugin_id}), so a second registration of this plugin never serves the first one's
 * servers; a gateway that does not say so gets every {@code mcp_servers} selection.
 */
final class HeldServers {

    static final String TYPE = "mcp_servers";

    private HeldServers() {
    }

    /** By id, in the App's order; inactive ones included (the caller refuses them with a reason). */
    static Map<String, McpServer> of(EndpointRequest request, ObjectMapper json) {
        Map<String, McpServer> held = new LinkedHashMap<>();
        App app = request.app();
        if (app == null) {
            return held;
        }
        long own = ownId(request);
        for (PluginResourceAssociation a : app.pluginResources()) {
            if (!a.resourceTypeSlug().equals(TYPE) || (own > 0 && a.pluginId() != own)) {
                continue;
            }
            List<String> selected = a.instanceIds();
            for (ResourceInstance copy : a.instances()) {
                if (!selected.contains(copy.id())) {
                    continue;
                }
                McpServer server = McpServer.fromCopy(copy, json);
                if (server != null) {
                    held.putIfAbsent(server.id(), server);
                }
            }
        }
        return held;
    }

    private static long ownId(EndpointRequest request) {
        try {
            return Long.parseLong(request.context().metadata().getOrDefault("plugin_id", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
