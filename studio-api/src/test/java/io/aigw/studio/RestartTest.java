package io.aigw.studio;

import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** Everything lives in the embedded database under DATA_DIR and survives a restart. */
class RestartTest {

    @Test
    void appsPluginsAndCredentialsSurviveARestart() {
        try (TestSystem system = TestSystem.start()) {
            AdminClient admin = system.admin();
            long app = admin.post("/api/v1/apps", Map.of("name", "durable", "metadata", Map.of("k", "v"))).id();
            String token = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).json().path("token").asText();
            long plugin = admin.post("/api/v1/plugins", Map.of("name", "durable-plugin",
                    "command", "grpc://127.0.0.1:1", "config", Map.of("slug", "durable"), "is_active", false)).id();

            system.restart();
            admin = system.admin();

            HttpResult appAfter = admin.get("/api/v1/apps/" + app);
            assertEquals(200, appAfter.status(), appAfter.toString());
            assertEquals("v", appAfter.json().path("metadata").path("k").asText());
            HttpResult pluginAfter = admin.get("/api/v1/plugins/" + plugin);
            assertEquals(200, pluginAfter.status(), pluginAfter.toString());
            assertEquals("durable", pluginAfter.json().path("config").path("slug").asText());
            assertEquals(1, admin.get("/api/v1/apps/" + app + "/credentials").json().size());
            // ids keep counting up: nothing was recreated from scratch
            assertTrue(admin.post("/api/v1/apps", Map.of("name", "next")).id() > app);
            assertEquals(401, admin.withKey("aigw_admin_wrong").get("/api/v1/apps").status());
        }
    }

    @Test
    void oldCredentialStillAuthenticatesAtTheGatewayAfterRestart() {
        assertTrue(TestSystem.echoJar().isPresent(), "echo plugin jar must be built before these tests");
        try (TestSystem system = TestSystem.start()) {
            system.dropPlugin(TestSystem.echoJar().get(), "echo-endpoint.jar");
            AdminClient admin = system.admin();
            assertTrue(TestSystem.await(Duration.ofSeconds(20), () -> system.gatewayGet("/plugins/echo/public", null)
                    .status() == 200), "echo plugin is served");
            long app = admin.post("/api/v1/apps", Map.of("name", "restart-auth")).id();
            String token = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).json().path("token").asText();
            assertEquals(200, system.gatewayGet("/plugins/echo/hello", token).status());

            system.restart();

            assertTrue(TestSystem.await(Duration.ofSeconds(20), () -> system.gatewayGet("/plugins/echo/public", null)
                    .status() == 200), "echo plugin is served after restart");
            HttpResult r = system.gatewayGet("/plugins/echo/hello", token);
            assertEquals(200, r.status(), r.toString());
            assertEquals(401, system.gatewayGet("/plugins/echo/hello", "aigw_wrong").status());
        }
    }
}
