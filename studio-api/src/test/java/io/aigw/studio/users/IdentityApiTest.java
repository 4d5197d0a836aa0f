package io.aigw.studio.users;

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

/** Users, their API keys, groups and members, and seed 003's group plugin resources. */
@ExtendWith(SystemExtension.class)
class IdentityApiTest {

    private static TestSystem system;
    private static AdminClient admin;

    @BeforeAll
    static void start(Systems systems) {
        system = systems.start();
        admin = system.admin();
    }

    @Test
    void bootstrapAdminKeyIsTheBootstrapAdminUser() {
        JsonNode me = admin.get("/api/v1/me").json();
        assertEquals("admin@localhost", me.path("email").asText());
        assertTrue(me.path("is_admin").asBoolean());
        assertTrue(me.path("is_bootstrap").asBoolean());
        assertEquals(409, admin.delete("/api/v1/users/" + me.path("id").asLong()).status());
        assertEquals(409, admin.patch("/api/v1/users/" + me.path("id").asLong(), Map.of("is_admin", false)).status());
    }

    @Test
    void userKeyIsShownOnceStoredHashedAndDiesWithTheUser() {
        HttpResult created = admin.post("/api/v1/users", Map.of("email", "Ada@Example.com", "name", "Ada"));
        assertEquals(201, created.status(), created.toString());
        String key = created.json().path("api_key").asText();
        assertTrue(key.startsWith("aigw_user_"), key);
        long id = created.id();
        assertFalse(admin.get("/api/v1/users/" + id).json().has("api_key"));
        assertFalse(admin.get("/api/v1/users").body().contains(key));
        String hash = io.aigw.gateway.auth.Tokens.hash(key);
        assertEquals(hash, storedHash(id), "only the hash is stored");

        AdminClient ada = admin.withKey(key);
        assertEquals("Ada@Example.com", ada.get("/api/v1/me").json().path("email").asText());
        assertEquals(409, admin.post("/api/v1/users", Map.of("email", "ada@example.com")).status(), "emails unique");
        assertEquals(400, admin.post("/api/v1/users", Map.of("email", "nope")).status());
        assertEquals(400, admin.post("/api/v1/users", Map.of("email", "a@b.c", "role", "x")).status());

        assertEquals(204, admin.delete("/api/v1/users/" + id).status());
        assertEquals(401, ada.get("/api/v1/me").status());
    }

    @Test
    void promotedUserIsAnAdminOnTheNextRequest() {
        HttpResult created = admin.post("/api/v1/users", Map.of("email", "grace@example.com"));
        AdminClient grace = admin.withKey(created.json().path("api_key").asText());
        assertEquals(403, grace.get("/api/v1/users").status());
        admin.patch("/api/v1/users/" + created.id(), Map.of("is_admin", true));
        assertEquals(200, grace.get("/api/v1/users").status());
    }

    @Test
    void groupsAndMembers() {
        AdminClient alice = system.newUser("alice@example.com");
        long aliceId = alice.get("/api/v1/me").id();
        HttpResult group = admin.post("/api/v1/groups", Map.of("name", "Research", "description", "r&d"));
        assertEquals(201, group.status(), group.toString());
        long groupId = group.id();
        assertEquals(409, admin.post("/api/v1/groups", Map.of("name", "research")).status());
        assertEquals(0, alice.get("/api/v1/groups").json().size());
        assertEquals(404, alice.get("/api/v1/groups/" + groupId).status());

        HttpResult added = admin.post("/api/v1/groups/" + groupId + "/members", Map.of("user_id", aliceId));
        assertEquals(200, added.status(), added.toString());
        assertEquals(1, added.json().path("member_ids").size());
        assertEquals(aliceId, added.json().path("member_ids").get(0).asLong());
        assertEquals(1, alice.get("/api/v1/groups").json().size());
        assertEquals(groupId, alice.get("/api/v1/me").json().path("group_ids").get(0).asLong());
        assertEquals(400, admin.post("/api/v1/groups/" + groupId + "/members", Map.of("user_id", 999999)).status());

        assertEquals(204, admin.delete("/api/v1/groups/" + groupId + "/members/" + aliceId).status());
        assertEquals(404, admin.delete("/api/v1/groups/" + groupId + "/members/" + aliceId).status());
        assertEquals(0, alice.get("/api/v1/groups").json().size());

        assertEquals("Lab", admin.patch("/api/v1/groups/" + groupId, Map.of("name", "Lab")).json().path("name").asText());
        assertEquals(204, admin.delete("/api/v1/groups/" + groupId).status());
        assertEquals(404, admin.get("/api/v1/groups/" + groupId).status());
    }

    /**
     * Grants are checked against the registered types and the providers' instances (stored and
     * read back with a real provider in {@code resources.ResourceProviderContract}); here, a
     * plugin that provides no types.
     */
    @Test
    void groupPluginResourcesAreCheckedBeforeTheyAreStored() {
        long plugin = admin.post("/api/v1/plugins", Map.of("name", "mcp registry", "command", "grpc://127.0.0.1:1",
                "is_active", false)).id();
        AdminClient bob = system.newUser("bob@example.com");
        long groupId = admin.post("/api/v1/groups", Map.of("name", "mcp users",
                "member_ids", List.of(bob.get("/api/v1/me").id()))).id();
        String path = "/api/v1/groups/" + groupId + "/plugin-resources";
        assertEquals(0, admin.get(path).json().path("resources").size());

        HttpResult put = admin.send("PUT", path, Map.of("resources", List.of(Map.of("plugin_id", plugin,
                "resource_type_slug", "mcp_servers", "instance_ids", List.of("server-1", "server-2")))));
        assertEquals(400, put.status(), put.toString());
        assertTrue(put.error().contains("plugin " + plugin + " has no resource type 'mcp_servers'"), put.error());
        assertEquals(0, bob.get(path).json().path("resources").size(), "a refused PUT changes nothing");

        HttpResult unknown = admin.send("PUT", path, Map.of("resources", List.of(Map.of("plugin_id", 999999,
                "resource_type_slug", "x", "instance_ids", List.of()))));
        assertEquals(400, unknown.status());
        assertTrue(unknown.error().contains("no plugin with id 999999"), unknown.error());
        assertEquals(400, admin.send("PUT", path, Map.of("resources", List.of(Map.of("plugin_id", plugin,
                "resource_type_slug", "Bad Slug")))).status());
        assertEquals(0, admin.get(path).json().path("resources").size(), "a refused PUT changes nothing");
        assertEquals(200, admin.send("PUT", path, Map.of("resources", List.of())).status());
        assertEquals(0, admin.get(path).json().path("resources").size());
    }

    private static String storedHash(long userId) {
        try (var c = system.studio().dataSource().getConnection();
             var ps = c.prepareStatement("select api_key_hash from users where id = ?")) {
            ps.setLong(1, userId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
