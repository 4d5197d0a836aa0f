package io.aigw.studio.pluginui;

import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.TestSystem;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link McpPluginUiContract} with the registry's launcher registered as {@code file://}: its UI is reached over gRPC. */
class ExternalMcpPluginUiTest extends McpPluginUiContract {

    @Override
    long install(TestSystem system) {
        Path launcher = Path.of(System.getProperty("mcp.launcher")).toAbsolutePath().normalize();
        HttpResult created = system.admin().post("/api/v1/plugins", Map.of("name", "mcp-registry-ui-external",
                "command", "file://" + launcher, "hook_type", "custom_endpoint",
                "hook_types", List.of("custom_endpoint", "resource_provider", "studio_ui"),
                "config", Map.of("slug", "mcp")));
        assertEquals(201, created.status(), created.toString());
        return created.id();
    }
}
