package io.aigw.studio.plugins;

import io.aigw.gateway.Gateway;
import io.aigw.gateway.PluginReport;
import io.aigw.loader.host.PluginHost;
import io.aigw.plugin.api.ConfigProvider;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.Plugin;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.UIProvider;
import io.aigw.runtime.Capabilities;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link PluginRuntime} over the embedded gateway and the plugin host it serves from. */
public final class GatewayPluginRuntime implements PluginRuntime {

    private static final Map<Class<? extends Plugin>, String> WIRE_NAMES = new LinkedHashMap<>();

    static {
        WIRE_NAMES.put(CustomEndpointHandler.class, Capabilities.CUSTOM_ENDPOINT);
        WIRE_NAMES.put(ResourceProvider.class, Capabilities.RESOURCE_PROVIDER);
        WIRE_NAMES.put(UIProvider.class, Capabilities.UI_PROVIDER);
        WIRE_NAMES.put(ConfigProvider.class, Capabilities.CONFIG_PROVIDER);
    }

    private final Gateway gateway;
    private final PluginHost host;

    public GatewayPluginRuntime(Gateway gateway, PluginHost host) {
        this.gateway = gateway;
        this.host = host;
    }

    @Override
    public Optional<PluginReport> report(long pluginId) {
        return gateway.pluginReport(pluginId);
    }

    @Override
    public List<String> capabilities(long pluginId) {
        return WIRE_NAMES.entrySet().stream().filter(e -> host.capability(pluginId, e.getKey()).isPresent())
                .map(Map.Entry::getValue).toList();
    }

    @Override
    public void reload(long pluginId) {
        gateway.reload(pluginId);
    }
}
