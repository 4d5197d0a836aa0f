package io.aigw.plugin.api;

import java.util.Map;

/**
 * The lifecycle every plugin has, whichever transport runs it (in-process jar or external process).
 *
 * <p>Capabilities are separate interfaces a plugin also implements, such as
 * {@link CustomEndpointHandler}.
 */
public interface Plugin {

    /**
     * Called once after loading and before any request, with the plugin's config map as registered
     * in the control plane. Throwing marks the plugin as failed; it then serves nothing.
     */
    default void initialize(PluginContext context, Map<String, String> config) throws Exception {
    }

    /** Called once when the plugin is unloaded, after its last in-flight request has finished. */
    default void shutdown() throws Exception {
    }
}
