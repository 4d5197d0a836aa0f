package io.aigw.studio.plugins;

import io.aigw.gateway.Gateway;
import io.aigw.gateway.PluginReport;

import java.util.Optional;

/** {@link PluginRuntime} over the embedded gateway. */
public final class GatewayPluginRuntime implements PluginRuntime {

    private final Gateway gateway;

    public GatewayPluginRuntime(Gateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Optional<PluginReport> report(long pluginId) {
        return gateway.pluginReport(pluginId);
    }

    @Override
    public void reload(long pluginId) {
        gateway.reload(pluginId);
    }
}
