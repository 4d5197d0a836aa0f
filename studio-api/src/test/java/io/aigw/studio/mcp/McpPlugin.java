package io.aigw.studio.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.TestSystem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Installs the {@code plugins/mcp-registry} example into a test system, on either transport. */
final class McpPlugin {

    static final String ID = "io.aigw.examples.mcp-registry";

    private McpPlugin() {
    }

    static Map<String, String> config() {
        return Map.of("slug", "mcp", "max_servers_per_app", "3", "session_key", McpGatewayContract.SESSION_KEY);
    }

    /** As {@code ./run.sh} does: the jar dropped into the plugins directory, then configured by the admin. */
    static long inProcess(TestSystem system) {
        system.dropPlugin(Path.of(System.getProperty("mcp.jar")), "mcp-registry.jar");
        String command = "pf4j:" + ID;
        long[] found = {-1};
        assertTrue(TestSystem.await(Duration.ofSeconds(60), () -> {
            for (JsonNode p : system.admin().get("/api/v1/plugins").json()) {
                if (p.path("command").asText().equals(command)) {
                    found[0] = p.path("id").asLong();
                }
            }
            return found[0] > 0;
        }), "the dropped-in jar is registered as " + command);
        HttpResult configured = system.admin().patch("/api/v1/plugins/" + found[0], Map.of("config", config()));
        assertEquals(200, configured.status(), configured.toString());
        return found[0];
    }

    /** The build's launcher, registered as {@code file://}: its own process. */
    static long external(TestSystem system) {
        Path launcher = Path.of(System.getProperty("mcp.launcher")).toAbsolutePath().normalize();
        HttpResult created = system.admin().post("/api/v1/plugins", Map.of("name", "mcp-registry-external",
                "command", "file://" + launcher, "hook_type", "custom_endpoint",
                "hook_types", List.of("custom_endpoint", "resource_provider"), "config", config()));
        assertEquals(201, created.status(), created.toString());
        return created.id();
    }
}
