package io.aigw.gateway;

import io.aigw.gateway.config.PluginConfig;

/** Which of a snapshot's plugins the gateway has its process's plugin host load. */
public enum PluginSelection {

    /**
     * Every active plugin, whatever its hooks: the control plane's host also serves capabilities
     * other than endpoints (resource providers) to the control plane.
     */
    ALL_ACTIVE,

    /** Active plugins declaring the custom_endpoint hook: an edge calls nothing else. */
    ENDPOINT_PLUGINS;

    boolean includes(PluginConfig plugin) {
        return plugin.isActive() && (this == ALL_ACTIVE || plugin.hasHook(PluginConfig.CUSTOM_ENDPOINT));
    }
}
