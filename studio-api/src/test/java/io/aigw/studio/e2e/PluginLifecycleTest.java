package io.aigw.studio.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.PluginJars;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registry changes through the admin API change the gateway's routes before the call returns. */
@ExtendWith(SystemExtension.class)
class PluginLifecycleTest {

    static final String ECHO = "pf4j:io.aigw.examples.echo";
    static TestSystem system;
    static AdminClient admin;
    static Gateway gateway;

    @BeforeAll
    static void start(Systems systems) {
        system = systems.start();
        admin = system.admin();
        gateway = new Gateway(system.gatewayBase());
        system.installEcho();
    }

    static long createPlugin(String name, String command, Map<String, String> config) {
        var r = admin.post("/api/v1/plugins", Map.of("name", name, "command", command, "hook_type", "custom_endpoint",
                "config", config));
        assertEquals(201, r.status(), r.body());
        return r.id();
    }

    static String publicContent(String slug) {
        var r = gateway.get("/plugins/" + slug + "/public", null);
        return r.statusCode() + " " + r.body();
    }

    @Test
    void routesAppearChangeAndDisappearWithTheRegistry() {
        long id = createPlugin("echo-two", ECHO, Map.of("slug", "echo-two", "custom_content", "two"));
        assertEquals("200 two", publicContent("echo-two"), "served as soon as the create call returns");

        assertEquals(200, admin.patch("/api/v1/plugins/" + id,
                Map.of("config", Map.of("slug", "echo-three", "custom_content", "three"))).status());
        assertEquals("404", publicContent("echo-two").substring(0, 3), publicContent("echo-two"));
        assertEquals("200 three", publicContent("echo-three"));

        assertEquals(200, admin.patch("/api/v1/plugins/" + id, Map.of("is_active", false)).status());
        assertEquals(404, gateway.get("/plugins/echo-three/public", null).statusCode());
        assertEquals(200, admin.patch("/api/v1/plugins/" + id, Map.of("is_active", true)).status());
        assertEquals("200 three", publicContent("echo-three"));

        assertEquals(204, admin.delete("/api/v1/plugins/" + id).status());
        assertEquals(404, gateway.get("/plugins/echo-three/public", null).statusCode());
        assertEquals("200 Hello from the echo plugin", publicContent("echo"), "other plugins untouched");
    }

    @Test
    void aTakenSlugIsRefusedWithAClearError() {
        var r = admin.post("/api/v1/plugins", Map.of("name", "squatter", "command", ECHO,
                "config", Map.of("slug", "echo")));
        assertEquals(409, r.status(), r.body());
        assertTrue(r.error().contains("echo"), r.body());
    }

    @Test
    void aPluginWithoutSlugServesNothingAndSaysWhy() {
        long id = createPlugin("no-slug", ECHO, Map.of("custom_content", "x"));
        JsonNode status = admin.get("/api/v1/plugins/" + id).json().path("status");
        assertEquals("running", status.path("state").asText(), status.toString());
        assertTrue(status.path("error").asText().contains("no 'slug' in config"), status.toString());
        assertTrue(status.path("endpoints").isEmpty(), status.toString());
        admin.delete("/api/v1/plugins/" + id);
    }

    @Test
    void aPluginThatIsNotLoadedIs503UntilItsJarArrives() throws Exception {
        long id = createPlugin("ghost", "pf4j:io.aigw.examples.ghost", Map.of("slug", "ghost"));
        var r = gateway.get("/plugins/ghost/public", null);
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("X-Request-ID").isPresent());
        JsonNode status = admin.get("/api/v1/plugins/" + id).json().path("status");
        assertEquals("failed", status.path("state").asText());
        assertTrue(status.path("error").asText().contains("no jar with plugin id 'io.aigw.examples.ghost'"),
                status.toString());

        Path jar = system.pluginsDir().getParent().resolve("ghost.jar");
        PluginJars.withId(Path.of(System.getProperty("echo.jar")), jar, "io.aigw.examples.ghost");
        system.dropPlugin(jar, "ghost.jar");
        assertTrue(TestSystem.await(Duration.ofSeconds(30),
                () -> gateway.get("/plugins/ghost/public", null).statusCode() == 200), "loaded once the jar appears");
    }

    @Test
    void reloadStartsAFreshGenerationWithoutDroppingTheRoute() {
        long id = createPlugin("echo-reload", ECHO, Map.of("slug", "echo-reload"));
        assertEquals(200, admin.post("/api/v1/plugins/" + id + "/reload", Map.of()).status());
        JsonNode status = admin.get("/api/v1/plugins/" + id).json().path("status");
        assertEquals(1, status.path("restarts").asInt(), status.toString());
        assertEquals("200 Hello from the echo plugin", publicContent("echo-reload"));
        admin.delete("/api/v1/plugins/" + id);
    }
}
