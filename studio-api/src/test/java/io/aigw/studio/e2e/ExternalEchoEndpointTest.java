package io.aigw.studio.e2e;

import io.aigw.studio.testing.TestSystem;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The echo contract with the same echo plugin built as an external binary, registered through the
 * admin API as {@code file://<launcher>}: the gateway starts it and talks gRPC to it.
 */
class ExternalEchoEndpointTest extends EchoEndpointContract {

    @Override
    void installEcho(TestSystem system) {
        Path launcher = Path.of(System.getProperty("echo.launcher")).toAbsolutePath().normalize();
        var created = system.admin().post("/api/v1/plugins", Map.of(
                "name", "echo-external", "command", "file://" + launcher,
                "hook_type", "custom_endpoint", "hook_types", List.of("custom_endpoint"),
                "config", Map.of("slug", "echo", "custom_content", "Hello from the echo plugin",
                        "diagnostics", "true"),
                "is_active", true));
        assertEquals(201, created.status(), created.toString());
    }
}
