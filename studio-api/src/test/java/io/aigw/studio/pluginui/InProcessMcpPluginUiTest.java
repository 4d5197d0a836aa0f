package io.aigw.studio.pluginui;

import io.aigw.studio.testing.TestSystem;

import java.nio.file.Path;

/** {@link McpPluginUiContract} with the registry's jar dropped into the plugins directory: its UI runs in-process. */
class InProcessMcpPluginUiTest extends McpPluginUiContract {

    @Override
    long install(TestSystem system) {
        system.dropPlugin(Path.of(System.getProperty("mcp.jar")), "mcp-registry.jar");
        return registered(system, "pf4j:" + PLUGIN_ID);
    }
}
