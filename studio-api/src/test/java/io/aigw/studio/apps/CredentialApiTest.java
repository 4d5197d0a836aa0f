package io.aigw.studio.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.gateway.auth.Tokens;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SystemExtension.class)
class CredentialApiTest {

    private static TestSystem system;
    private static AdminClient admin;

    @BeforeAll
    static void start(Systems systems) {
        system = systems.start();
        admin = system.admin();
    }

    @Test
    void tokenIsShownOnceAndStoredOnlyAsHash() throws SQLException {
        long app = admin.post("/api/v1/apps", Map.of("name", "tokens")).id();
        String expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        HttpResult issued = admin.post("/api/v1/apps/" + app + "/credentials",
                Map.of("scopes", List.of("mcp:read", "mcp:write"), "expires_at", expires));
        assertEquals(201, issued.status(), issued.toString());
        JsonNode c = issued.json();
        String token = c.path("token").asText();
        assertTrue(token.startsWith("aigw_") && token.length() > 40, token);
        assertEquals(token.substring(0, 10), c.path("token_prefix").asText());
        assertEquals("[\"mcp:read\",\"mcp:write\"]", c.path("scopes").toString());
        assertEquals(expires, c.path("expires_at").asText());
        assertTrue(c.path("is_active").asBoolean());
        long credentialId = c.path("id").asLong();

        HttpResult list = admin.get("/api/v1/apps/" + app + "/credentials");
        assertEquals(200, list.status());
        assertEquals(1, list.json().size());
        JsonNode listed = list.json().get(0);
        assertEquals(credentialId, listed.path("id").asLong());
        assertFalse(listed.has("token"), "the token is never listed");
        assertFalse(listed.has("token_hash"), "nor its hash");
        assertFalse(list.body().contains(token.substring(10)), list.body());

        try (Connection db = system.studio().dataSource().getConnection();
             PreparedStatement ps = db.prepareStatement("select token_hash, token_prefix, credentials::text "
                     + "from credentials where id = ?")) {
            ps.setLong(1, credentialId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(Tokens.hash(token), rs.getString(1));
                assertEquals(token.substring(0, 10), rs.getString(2));
                assertFalse(rs.getString(3).contains(token), "the token itself is not stored");
            }
        }
    }

    @Test
    void bodyIsOptional() {
        long app = admin.post("/api/v1/apps", Map.of("name", "no-body")).id();
        HttpResult r = admin.post("/api/v1/apps/" + app + "/credentials", null);
        assertEquals(201, r.status(), r.toString());
        assertTrue(r.json().path("scopes").isArray() && r.json().path("scopes").isEmpty());
        assertTrue(r.json().path("expires_at").isNull());
    }

    @Test
    void revokeMarksInactiveAndIsIdempotent() {
        long app = admin.post("/api/v1/apps", Map.of("name", "revoke")).id();
        long id = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).id();
        assertEquals(204, admin.delete("/api/v1/apps/" + app + "/credentials/" + id).status());
        JsonNode listed = admin.get("/api/v1/apps/" + app + "/credentials").json().get(0);
        assertFalse(listed.path("is_active").asBoolean());
        assertNotNull(listed.path("revoked_at").textValue());
        assertEquals(204, admin.delete("/api/v1/apps/" + app + "/credentials/" + id).status());
    }

    @Test
    void unknownAppOrCredentialIs404() {
        assertEquals(404, admin.post("/api/v1/apps/999999/credentials", Map.of()).status());
        assertEquals(404, admin.get("/api/v1/apps/999999/credentials").status());
        long app = admin.post("/api/v1/apps", Map.of("name", "other")).id();
        long otherApp = admin.post("/api/v1/apps", Map.of("name", "other2")).id();
        long id = admin.post("/api/v1/apps/" + otherApp + "/credentials", Map.of()).id();
        assertEquals(404, admin.delete("/api/v1/apps/" + app + "/credentials/" + id).status(),
                "a credential is only reachable through its own app");
        assertEquals(404, admin.delete("/api/v1/apps/" + app + "/credentials/x").status());
    }

    @Test
    void invalidRequestsAre400() {
        long app = admin.post("/api/v1/apps", Map.of("name", "invalid")).id();
        String path = "/api/v1/apps/" + app + "/credentials";
        assertEquals(400, admin.post(path, Map.of("expires_at", "tomorrow")).status());
        assertEquals(400, admin.post(path, Map.of("expires_at", "2001-01-01T00:00:00Z")).status());
        assertEquals(400, admin.post(path, Map.of("scopes", "read")).status());
        assertEquals(400, admin.post(path, Map.of("scopes", List.of(1, 2))).status());
    }

    @Test
    void deletingAnAppDeletesItsCredentials() throws SQLException {
        long app = admin.post("/api/v1/apps", Map.of("name", "cascade")).id();
        admin.post("/api/v1/apps/" + app + "/credentials", Map.of());
        assertEquals(204, admin.delete("/api/v1/apps/" + app).status());
        try (Connection db = system.studio().dataSource().getConnection();
             PreparedStatement ps = db.prepareStatement("select count(*) from credentials where app_id = ?")) {
            ps.setLong(1, app);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
        }
    }
}
