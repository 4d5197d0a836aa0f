package io.aigw.studio;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.PluginJars;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Admin API changes are in force at the gateway as soon as the API call returns (no polling), and a
 * jar dropped into the plugins directory is registered from its manifest.
 */
@ExtendWith(SystemExtension.class)
class GatewayPublishingTest {

    private static TestSystem system;
    private static AdminClient admin;
    private static long echoId;

    @BeforeAll
    static void start(Systems systems) {
        assertTrue(TestSystem.echoJar().isPresent(), "echo plugin jar must be built before these tests");
        system = systems.start();
        admin = system.admin();
        system.dropPlugin(TestSystem.echoJar().get(), "echo-endpoint.jar");
        assertTrue(TestSystem.await(Duration.ofSeconds(20), () -> echoPlugin() != null), "echo jar registered");
        echoId = echoPlugin().path("id").asLong();
        assertTrue(TestSystem.await(Duration.ofSeconds(20),
                () -> system.gatewayGet("/plugins/echo/public", null).status() == 200), "echo plugin served");
    }

    private static JsonNode echoPlugin() {
        for (JsonNode p : admin.get("/api/v1/plugins").json()) {
            if (p.path("command").asText().equals("pf4j:io.aigw.examples.echo")) {
                return p;
            }
        }
        return null;
    }

    @Test
    void dropInJarIsRegisteredFromItsManifest() {
        JsonNode p = admin.get("/api/v1/plugins/" + echoId).json();
        assertEquals("Echo Endpoint", p.path("name").asText());
        assertEquals("plugins_dir", p.path("source").asText());
        assertEquals("custom_endpoint", p.path("hook_type").asText());
        assertEquals("echo", p.path("config").path("slug").asText());
        assertTrue(p.path("is_active").asBoolean());
        assertEquals("io.aigw.examples.echo", p.path("manifest").path("id").asText());
        assertEquals("running", p.path("status").path("state").asText(), p.toString());
        assertEquals("echo", p.path("status").path("slug").asText());
        assertTrue(p.path("status").path("pid").isNull(), "an in-process plugin has no process: " + p);
        assertTrue(p.path("status").path("process_started_at").isNull(), p.toString());
    }

    @Test
    void revokedCredentialIsRefusedAsSoonAsTheCallReturns() {
        long app = admin.post("/api/v1/apps", Map.of("name", "revocation")).id();
        JsonNode credential = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).json();
        String token = credential.path("token").asText();
        assertEquals(200, system.gatewayGet("/plugins/echo/hello", token).status());
        assertEquals(204, admin.delete("/api/v1/apps/" + app + "/credentials/" + credential.path("id").asLong())
                .status());
        assertEquals(401, system.gatewayGet("/plugins/echo/hello", token).status());
    }

    @Test
    void deactivatedAppIsRefusedAsSoonAsTheCallReturns() {
        long app = admin.post("/api/v1/apps", Map.of("name", "deactivation")).id();
        String token = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).json().path("token").asText();
        assertEquals(200, system.gatewayGet("/plugins/echo/hello", token).status());
        assertEquals(200, admin.patch("/api/v1/apps/" + app, Map.of("is_active", false)).status());
        HttpResult refused = system.gatewayGet("/plugins/echo/hello", token);
        assertTrue(refused.status() == 401 || refused.status() == 403, refused.toString());
        assertEquals(200, admin.patch("/api/v1/apps/" + app, Map.of("is_active", true)).status());
        assertEquals(200, system.gatewayGet("/plugins/echo/hello", token).status());
    }

    @Test
    void appMetadataReachesThePlugin() {
        long app = admin.post("/api/v1/apps", Map.of("name", "meta", "metadata", Map.of("tier", "gold"))).id();
        String token = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).json().path("token").asText();
        HttpResult r = system.gatewayGet("/plugins/echo/hello", token);
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.body().contains("gold"), r.body());
    }

    @Test
    void secondJarWithTheSameDefaultSlugIsRegisteredInactive() throws Exception {
        java.nio.file.Path jar = system.dataDir().resolveSibling("echo-copy.jar");
        PluginJars.withId(TestSystem.echoJar().get(), jar, "io.aigw.examples.echo-copy");
        system.dropPlugin(jar, "echo-copy.jar");
        assertTrue(TestSystem.await(Duration.ofSeconds(20), () -> admin.get("/api/v1/plugins").body()
                .contains("pf4j:io.aigw.examples.echo-copy")), "copy registered");
        JsonNode copy = null;
        for (JsonNode p : admin.get("/api/v1/plugins").json()) {
            if (p.path("command").asText().equals("pf4j:io.aigw.examples.echo-copy")) {
                copy = p;
            }
        }
        assertFalse(copy.path("is_active").asBoolean(), copy.toString());
        assertEquals(200, system.gatewayGet("/plugins/echo/public", null).status(), "the original keeps its slug");
    }

    @Test
    void manifestHookTypesOutsideTheKnownListAreNotRegistered() throws Exception {
        java.nio.file.Path jar = system.dataDir().resolveSibling("echo-hooks.jar");
        PluginJars.withManifest(TestSystem.echoJar().get(), jar, json -> json
                .replace("\"io.aigw.examples.echo\"", "\"io.aigw.examples.echo-hooks\"")
                .replaceFirst("\"hooks\"\\s*:\\s*\\[[^]]*]",
                        "\"hooks\": [\"pre_auth_magic\", \"custom_endpoint\", \"studio_ui\"]")
                .replaceFirst("\"primary_hook\"\\s*:\\s*\"[^\"]*\"", "\"primary_hook\": \"pre_auth_magic\""));
        system.dropPlugin(jar, "echo-hooks.jar");
        assertTrue(TestSystem.await(Duration.ofSeconds(20), () -> admin.get("/api/v1/plugins").body()
                .contains("pf4j:io.aigw.examples.echo-hooks")), "registered");
        JsonNode plugin = null;
        for (JsonNode p : admin.get("/api/v1/plugins").json()) {
            if (p.path("command").asText().equals("pf4j:io.aigw.examples.echo-hooks")) {
                plugin = p;
            }
        }
        assertEquals("custom_endpoint", plugin.path("hook_type").asText(), plugin.toString());
        assertEquals("[\"custom_endpoint\",\"studio_ui\"]", plugin.path("hook_types").toString());
        // What the registry shows can be sent back as a PATCH: every hook in it is a known one.
        HttpResult patched = admin.patch("/api/v1/plugins/" + plugin.path("id").asLong(),
                Map.of("hook_type", plugin.path("hook_type").asText(), "hook_types", List.of("custom_endpoint",
                        "studio_ui")));
        assertEquals(200, patched.status(), patched.toString());
    }
}
