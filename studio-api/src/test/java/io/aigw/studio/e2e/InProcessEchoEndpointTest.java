package io.aigw.studio.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.TestSystem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The echo contract with the echo jar dropped into the plugins directory (PF4J, in-process). The
 * drop-in registers with the manifest's config, diagnostics off; the admin then turns them on.
 */
class InProcessEchoEndpointTest extends EchoEndpointContract {

    @Override
    void installEcho(TestSystem system) {
        system.dropPlugin(Path.of(System.getProperty("echo.jar")), "echo-endpoint.jar");
        long[] id = new long[1];
        assertTrue(TestSystem.await(Duration.ofSeconds(30), () -> {
            for (JsonNode p : system.admin().get("/api/v1/plugins").json()) {
                if (p.path("command").asText().equals("pf4j:io.aigw.examples.echo")) {
                    id[0] = p.path("id").asLong();
                    return true;
                }
            }
            return false;
        }), "the dropped-in echo jar is registered");
        var patched = system.admin().patch("/api/v1/plugins/" + id[0], Map.of("config", Map.of("slug", "echo",
                "custom_content", "Hello from the echo plugin", "diagnostics", "true")));
        assertEquals(200, patched.status(), patched.toString());
    }
}
