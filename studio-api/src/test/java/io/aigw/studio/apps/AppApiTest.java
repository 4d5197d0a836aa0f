package io.aigw.studio.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SystemExtension.class)
class AppApiTest {

    private static TestSystem system;
    private static AdminClient admin;

    @BeforeAll
    static void start(Systems systems) {
        system = systems.start();
        admin = system.admin();
    }

    @Test
    void createGetListPatchDeleteRoundTrip() {
        HttpResult created = admin.post("/api/v1/apps", Map.of("name", "billing", "description", "the billing app",
                "owner_email", "ops@example.com", "monthly_budget", 12.5, "rate_limit", 60,
                "metadata", Map.of("mcp_access", "allowed")));
        assertEquals(201, created.status(), created.toString());
        JsonNode app = created.json();
        long id = app.path("id").asLong();
        assertEquals("billing", app.path("name").asText());
        assertEquals("ops@example.com", app.path("owner_email").asText());
        assertEquals(12.5, app.path("monthly_budget").asDouble());
        assertEquals(60, app.path("rate_limit").asInt());
        assertTrue(app.path("is_active").asBoolean());
        assertEquals("allowed", app.path("metadata").path("mcp_access").asText());

        assertEquals("billing", admin.get("/api/v1/apps/" + id).json().path("name").asText());
        assertTrue(admin.get("/api/v1/apps").json().findValues("id").stream().anyMatch(n -> n.asLong() == id));

        HttpResult patched = admin.patch("/api/v1/apps/" + id, Map.of("is_active", false,
                "metadata", Map.of("mcp_access", "denied")));
        assertEquals(200, patched.status(), patched.toString());
        assertFalse(patched.json().path("is_active").asBoolean());
        assertEquals("denied", patched.json().path("metadata").path("mcp_access").asText());
        assertEquals("the billing app", patched.json().path("description").asText());
        assertEquals(60, patched.json().path("rate_limit").asInt());

        assertEquals(204, admin.delete("/api/v1/apps/" + id).status());
        assertEquals(404, admin.get("/api/v1/apps/" + id).status());
    }

    @Test
    void defaults() {
        JsonNode app = admin.post("/api/v1/apps", Map.of("name", "minimal")).json();
        assertEquals(0, app.path("rate_limit").asInt());
        assertEquals(0.0, app.path("monthly_budget").asDouble());
        assertEquals("", app.path("description").asText());
        assertTrue(app.path("metadata").isObject() && app.path("metadata").isEmpty());
    }

    @Test
    void validationNamesTheField() {
        assertBadRequest(Map.of("name", "a", "metadata", Map.of("limit", 5)), "metadata.limit");
        assertBadRequest(Map.of("name", "a", "metadata", "not-an-object"), "metadata");
        assertBadRequest(Map.of("name", "x".repeat(201)), "name");
        assertBadRequest(Map.of("name", "  "), "name");
        assertBadRequest(Map.of("description", "no name"), "name");
        assertBadRequest(Map.of("name", "a", "rate_limit", -1), "rate_limit");
        assertBadRequest(Map.of("name", "a", "rate_limit", 1.5), "rate_limit");
        assertBadRequest(Map.of("name", "a", "monthly_budget", "lots"), "monthly_budget");
        assertBadRequest(Map.of("name", "a", "owner_email", "not-an-email"), "owner_email");
        assertBadRequest(Map.of("name", "a", "is_active", "yes"), "is_active");
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 101; i++) {
            tooMany.put("k" + i, "v");
        }
        assertBadRequest(Map.of("name", "a", "metadata", tooMany), "metadata");
    }

    @Test
    void patchValidatesToo() {
        long id = admin.post("/api/v1/apps", Map.of("name", "p")).id();
        HttpResult r = admin.patch("/api/v1/apps/" + id, Map.of("name", ""));
        assertEquals(400, r.status(), r.toString());
        assertEquals("p", admin.get("/api/v1/apps/" + id).json().path("name").asText());
    }

    private static void assertBadRequest(Map<String, Object> body, String field) {
        HttpResult r = admin.post("/api/v1/apps", body);
        assertEquals(400, r.status(), body + " -> " + r);
        assertTrue(r.error().contains(field), "error should name " + field + ": " + r.error());
    }
}
