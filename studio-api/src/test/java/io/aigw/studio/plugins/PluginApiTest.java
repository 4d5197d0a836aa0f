package io.aigw.studio.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SystemExtension.class)
class PluginApiTest {

    private static TestSystem system;
    private static AdminClient admin;

    @BeforeAll
    static void start(Systems systems) {
        system = systems.start();
        admin = system.admin();
    }

    private static Map<String, Object> plugin(String name, String slug) {
        return Map.of("name", name, "command", "grpc://127.0.0.1:1", "config", Map.of("slug", slug));
    }

    @Test
    void createGetListPatchDeleteRoundTrip() {
        HttpResult created = admin.post("/api/v1/plugins", Map.of(
                "name", "My Plugin", "description", "does things", "command", "grpc://127.0.0.1:50051",
                "config", Map.of("slug", "round-trip", "greeting", "hi")));
        assertEquals(201, created.status(), created.toString());
        JsonNode p = created.json();
        long id = p.path("id").asLong();
        assertTrue(id > 0);
        assertEquals("My Plugin", p.path("name").asText());
        assertEquals("custom_endpoint", p.path("hook_type").asText());
        assertEquals("[\"custom_endpoint\"]", p.path("hook_types").toString());
        assertEquals("round-trip", p.path("config").path("slug").asText());
        assertTrue(p.path("is_active").asBoolean());
        assertEquals("api", p.path("source").asText());
        assertTrue(p.path("manifest").isNull());

        HttpResult got = admin.get("/api/v1/plugins/" + id);
        assertEquals(200, got.status());
        assertEquals("hi", got.json().path("config").path("greeting").asText());

        HttpResult list = admin.get("/api/v1/plugins");
        assertEquals(200, list.status());
        assertTrue(list.json().isArray());
        assertTrue(list.json().findValues("id").stream().anyMatch(n -> n.asLong() == id));

        HttpResult patched = admin.patch("/api/v1/plugins/" + id, Map.of("description", "does more"));
        assertEquals(200, patched.status(), patched.toString());
        assertEquals("does more", patched.json().path("description").asText());
        assertEquals("My Plugin", patched.json().path("name").asText(), "PATCH leaves other fields alone");
        assertEquals("round-trip", patched.json().path("config").path("slug").asText());

        HttpResult deactivated = admin.patch("/api/v1/plugins/" + id, Map.of("is_active", false));
        assertFalse(deactivated.json().path("is_active").asBoolean());

        assertEquals(204, admin.delete("/api/v1/plugins/" + id).status());
        assertEquals(404, admin.get("/api/v1/plugins/" + id).status());
        assertEquals(404, admin.delete("/api/v1/plugins/" + id).status());
    }

    @Test
    void hookTypesAreKeptWhenGiven() {
        HttpResult r = admin.post("/api/v1/plugins", Map.of("name", "ui", "command", "file:///opt/plugins/ui",
                "hook_type", "custom_endpoint", "hook_types", List.of("custom_endpoint", "studio_ui"),
                "is_active", false));
        assertEquals(201, r.status(), r.toString());
        assertEquals("[\"custom_endpoint\",\"studio_ui\"]", r.json().path("hook_types").toString());
        assertFalse(r.json().path("is_active").asBoolean());
    }

    @Test
    void badCommandIs400() {
        for (String command : List.of("bash -c rm", "file://relative/path", "grpc://host-without-port",
                "http://example.com", "pf4j:", "pf4j:bad id")) {
            HttpResult r = admin.post("/api/v1/plugins", Map.of("name", "x", "command", command));
            assertEquals(400, r.status(), command + " -> " + r);
            assertTrue(r.error().contains("command"), r.error());
        }
        for (String command : List.of("pf4j:io.aigw.examples.echo", "file:///usr/local/bin/p", "grpc://localhost:9000")) {
            HttpResult r = admin.post("/api/v1/plugins", Map.of("name", "ok", "command", command, "is_active", false));
            assertEquals(201, r.status(), command + " -> " + r);
        }
    }

    @Test
    void nonStringConfigValueIs400NamingTheField() {
        HttpResult r = admin.post("/api/v1/plugins", Map.of("name", "x", "command", "grpc://h:1",
                "config", Map.of("slug", "s", "retries", 3)));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.error().contains("config.retries"), r.error());
    }

    @Test
    void missingRequiredFieldsAre400() {
        HttpResult noName = admin.post("/api/v1/plugins", Map.of("command", "grpc://h:1"));
        assertEquals(400, noName.status());
        assertTrue(noName.error().contains("name"), noName.error());
        HttpResult noCommand = admin.post("/api/v1/plugins", Map.of("name", "x"));
        assertEquals(400, noCommand.status());
        assertTrue(noCommand.error().contains("command"), noCommand.error());
    }

    @Test
    void badSlugIs400() {
        HttpResult r = admin.post("/api/v1/plugins", plugin("x", "Has Spaces/And Slashes"));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.error().contains("slug"), r.error());
    }

    @Test
    void duplicateActiveSlugIs409NamingTheOtherPlugin() {
        long first = admin.post("/api/v1/plugins", plugin("first", "dup")).id();
        HttpResult second = admin.post("/api/v1/plugins", plugin("second", "dup"));
        assertEquals(409, second.status(), second.toString());
        assertTrue(second.error().contains("first") && second.error().contains(String.valueOf(first)),
                second.error());

        // An inactive plugin may hold the slug, but cannot be activated while the first is active.
        HttpResult inactive = admin.post("/api/v1/plugins", Map.of("name", "third", "command", "grpc://h:2",
                "config", Map.of("slug", "dup"), "is_active", false));
        assertEquals(201, inactive.status(), inactive.toString());
        HttpResult activate = admin.patch("/api/v1/plugins/" + inactive.id(), Map.of("is_active", true));
        assertEquals(409, activate.status(), activate.toString());

        // Moving an active plugin onto a used slug is refused the same way.
        long other = admin.post("/api/v1/plugins", plugin("other", "free-slug")).id();
        HttpResult move = admin.patch("/api/v1/plugins/" + other, Map.of("config", Map.of("slug", "dup")));
        assertEquals(409, move.status(), move.toString());

        // Once the first is gone, the slug is free.
        assertEquals(204, admin.delete("/api/v1/plugins/" + first).status());
        assertEquals(200, admin.patch("/api/v1/plugins/" + inactive.id(), Map.of("is_active", true)).status());
    }

    @Test
    void reloadAnswersWithThePlugin() {
        long id = admin.post("/api/v1/plugins", plugin("reloadable", "reloadable")).id();
        HttpResult r = admin.post("/api/v1/plugins/" + id + "/reload", null);
        assertEquals(200, r.status(), r.toString());
        assertEquals(id, r.id());
        assertEquals(404, admin.post("/api/v1/plugins/999999/reload", null).status());
    }
}
