package io.aigw.studio.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 003's resource types, instances, group grants and community submissions against a started
 * system, with {@link CatalogPlugin} as the provider; subclasses run it as an in-process jar and
 * as an external process. Each test leaves the plugin active, up and providing all its types.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ResourceProviderContract {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String SERVERS = CatalogPlugin.SERVERS;
    static final String KNOWLEDGE = CatalogPlugin.KNOWLEDGE;

    TestSystem system;
    AdminClient admin;
    Path stateDir;
    long pluginId;

    /** Makes {@link CatalogPlugin} a registered plugin reading {@code stateDir}; returns its id. */
    abstract long install(TestSystem system, Path stateDir) throws IOException;

    /** The manifest, as in the seed plus two bad entries; {@code stateDir} as default config. */
    static String manifest(Path stateDir) {
        return """
                {"id": "catalog", "name": "Catalog", "version": "1.0.0",
                 "capabilities": {"hooks": ["resource_provider"], "primary_hook": "resource_provider"},
                 "default_config": {"state_dir": "%s"},
                 "resource_types": [
                   {"slug": "mcp_servers", "name": "MCP Servers", "description": "Model Context Protocol servers",
                    "icon": "Hub", "has_privacy_score": true, "supports_submissions": true,
                    "form_component": {"tag": "mcp-server-selector", "entry_point": "ui/webc/selector.js"}},
                   {"slug": "Bad Slug", "name": "Bad"},
                   {"slug": "nameless"}
                 ]}
                """.formatted(stateDir);
    }

    @BeforeAll
    void start() throws IOException {
        system = TestSystem.start();
        admin = system.admin();
        stateDir = Files.createDirectories(system.dataDir().resolveSibling("catalog-state"));
        pluginId = install(system, stateDir);
        assertTrue(TestSystem.await(WAIT, () -> typeOf(SERVERS) != null && typeOf(KNOWLEDGE) != null),
                "the plugin's types are registered: " + admin.get("/api/v1/plugin-resource-types").body()
                        + " plugin: " + admin.get("/api/v1/plugins/" + pluginId).body());
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    // ---- types

    @Test
    void typesAreTheManifestsPlusTheRuntimesWithTheManifestWinning() {
        AdminClient user = system.newUser("types-reader@example.com");
        HttpResult list = user.get("/api/v1/plugin-resource-types");
        assertEquals(200, list.status(), list.toString());

        JsonNode servers = find(list.json(), SERVERS);
        assertNotNull(servers, list.body());
        assertEquals("MCP Servers", servers.path("name").asText(), "the manifest's entry wins: " + servers);
        assertEquals("Model Context Protocol servers", servers.path("description").asText());
        assertEquals("Hub", servers.path("icon").asText());
        assertTrue(servers.path("has_privacy_score").asBoolean());
        assertTrue(servers.path("supports_submissions").asBoolean());
        assertEquals("mcp-server-selector", servers.path("form_component").path("tag").asText(), servers.toString());
        assertEquals("ui/webc/selector.js", servers.path("form_component").path("entry_point").asText());
        assertEquals("manifest", servers.path("source").asText());
        assertTrue(servers.path("id").asLong() > 0);

        JsonNode knowledge = find(list.json(), KNOWLEDGE);
        assertNotNull(knowledge, "the type only getResourceTypeRegistrations() declares: " + list.body());
        assertEquals("Knowledge Bases", knowledge.path("name").asText());
        assertEquals("runtime", knowledge.path("source").asText());
        assertFalse(knowledge.path("has_privacy_score").asBoolean());
        assertTrue(knowledge.path("form_component").isNull(), knowledge.toString());

        for (String bad : List.of("Bad Slug", "nameless", "Not A Slug")) {
            assertEquals(null, find(list.json(), bad), bad + " is not registered");
        }
        HttpResult one = user.get("/api/v1/plugin-resource-types/" + servers.path("id").asLong());
        assertEquals(200, one.status(), one.toString());
        assertEquals(servers.path("name").asText(), one.json().path("name").asText());
        assertEquals(404, user.get("/api/v1/plugin-resource-types/999999").status());
    }

    @Test
    void badEntriesAreSkippedWithTheirReasonOnThePluginsStatus() {
        JsonNode status = admin.get("/api/v1/plugins/" + pluginId).json().path("status");
        String error = status.path("error").asText();
        assertEquals("running", status.path("state").asText(), status.toString());
        assertTrue(error.contains("'Bad Slug'") && error.contains("slug 'Bad Slug' is not"), error);
        assertTrue(error.contains("'nameless'") && error.contains("'name' is missing"), error);
        assertTrue(error.contains("getResourceTypeRegistrations()") && error.contains("'Not A Slug'"), error);
        assertFalse(error.contains(SERVERS), "valid entries are not reported: " + error);
    }

    @Test
    void aTypeNoLongerProvidedIsDeactivatedAndComesBackWithItsId() throws IOException {
        long id = typeId(KNOWLEDGE);
        Path flag = Files.createFile(stateDir.resolve("no-runtime-extra"));
        try {
            assertEquals(200, admin.post("/api/v1/plugins/" + pluginId + "/reload", null).status());
            assertTrue(TestSystem.await(WAIT, () -> typeOf(KNOWLEDGE) == null), "dropped from the list");
            assertTrue(TestSystem.await(WAIT, () -> !storedActive(id)), "its row is deactivated");
            assertFalse(admin.get("/api/v1/plugin-resource-types/" + id).json().path("is_active").asBoolean());
            assertNotNull(typeOf(SERVERS), "the plugin's other types stay");
        } finally {
            Files.delete(flag);
        }
        assertEquals(200, admin.post("/api/v1/plugins/" + pluginId + "/reload", null).status());
        assertTrue(TestSystem.await(WAIT, () -> typeOf(KNOWLEDGE) != null), "provided again");
        assertEquals(id, typeId(KNOWLEDGE), "same id as before");
    }

    @Test
    void deactivatingThePluginDeactivatesItsTypesAndGrantsSurviveItsReturn() {
        long id = typeId(SERVERS);
        long group = admin.post("/api/v1/groups", Map.of("name", "survivors")).id();
        String grants = "/api/v1/groups/" + group + "/plugin-resources";
        assertEquals(200, admin.send("PUT", grants, grant(SERVERS, List.of("s2"))).status());
        AdminClient user = system.newUser("deactivation-watcher@example.com");

        assertEquals(200, admin.patch("/api/v1/plugins/" + pluginId, Map.of("is_active", false)).status());
        try {
            assertEquals(null, typeOf(SERVERS), "gone from the list as soon as the plugin is deactivated");
            JsonNode asAdmin = admin.get("/api/v1/plugin-resource-types/" + id).json();
            assertFalse(asAdmin.path("is_active").asBoolean(), asAdmin.toString());
            assertEquals(404, user.get("/api/v1/plugin-resource-types/" + id).status(), "users see active types only");
            assertEquals(409, admin.get("/api/v1/plugin-resource-types/" + id + "/instances").status());
            assertTrue(TestSystem.await(WAIT, () -> !storedActive(id)), "its row is deactivated once unloaded");
            assertEquals("s2", admin.get(grants).json().path("resources").get(0).path("instance_ids").get(0).asText(),
                    "the grant survives");
        } finally {
            assertEquals(200, admin.patch("/api/v1/plugins/" + pluginId, Map.of("is_active", true)).status());
        }
        assertTrue(TestSystem.await(WAIT, () -> typeOf(SERVERS) != null && typeOf(KNOWLEDGE) != null), "back");
        assertEquals(id, typeId(SERVERS), "the same type, same id");
        assertTrue(TestSystem.await(WAIT, () -> admin.get("/api/v1/plugin-resource-types/" + id + "/instances")
                .status() == 200), "its provider answers again");
        assertEquals("s2", admin.get(grants).json().path("resources").get(0).path("instance_ids").get(0).asText());
    }

    // ---- instances and group grants

    @Test
    void adminsSeeEveryInstanceAndUsersOnlyThoseGrantedToTheirGroups() {
        AdminClient alice = system.newUser("alice-instances@example.com");
        AdminClient bob = system.newUser("bob-instances@example.com");
        long group = admin.post("/api/v1/groups", Map.of("name", "instance users",
                "member_ids", List.of(alice.get("/api/v1/me").id()))).id();
        String path = "/api/v1/plugin-resource-types/" + typeId(SERVERS) + "/instances";

        HttpResult all = admin.get(path);
        assertEquals(200, all.status(), all.toString());
        assertEquals(List.of("s1", "s2", "s3"), ids(all.json()).subList(0, 3), "and any created by other tests");
        JsonNode s1 = all.json().get(0);
        assertEquals("Server One", s1.path("name").asText());
        assertEquals("first", s1.path("description").asText());
        assertEquals(30, s1.path("privacy_score").asInt());
        assertEquals("https://one", s1.path("metadata").path("url").asText(), s1.toString());
        assertTrue(s1.path("is_active").asBoolean());
        assertTrue(all.json().get(1).path("metadata").isNull(), "no metadata: null");
        assertFalse(all.json().get(2).path("is_active").asBoolean());

        assertEquals(List.of(), ids(alice.get(path).json()), "nothing granted yet");
        HttpResult put = admin.send("PUT", "/api/v1/groups/" + group + "/plugin-resources",
                grant(SERVERS, List.of("s1", "s3")));
        assertEquals(200, put.status(), put.toString());
        assertEquals(List.of("s1", "s3"), ids(alice.get(path).json()));
        assertEquals(List.of(), ids(bob.get(path).json()), "bob is in no group");
        JsonNode seen = alice.get("/api/v1/groups/" + group + "/plugin-resources").json().path("resources").get(0);
        assertEquals(pluginId, seen.path("plugin_id").asLong());
        assertEquals(SERVERS, seen.path("resource_type_slug").asText());

        assertEquals(403, alice.post(path, Map.of("name", "mine")).status(), "only admins create directly");
        HttpResult created = admin.post(path, Map.of("name", "Direct", "privacy_score", 20));
        assertEquals(201, created.status(), created.toString());
        String createdId = created.json().path("id").asText();
        assertEquals("Direct", created.json().path("name").asText());
        assertEquals(20, created.json().path("privacy_score").asInt());
        assertTrue(ids(admin.get(path).json()).contains(createdId));
        assertFalse(ids(alice.get(path).json()).contains(createdId), "not granted to alice's group");
    }

    @Test
    void grantsNamingUnknownPluginsTypesOrInstancesAreRefusedAndNothingIsWritten() {
        long group = admin.post("/api/v1/groups", Map.of("name", "checked")).id();
        String path = "/api/v1/groups/" + group + "/plugin-resources";

        HttpResult unknownPlugin = admin.send("PUT", path, Map.of("resources", List.of(Map.of("plugin_id", 999999,
                "resource_type_slug", SERVERS, "instance_ids", List.of("s1")))));
        assertEquals(400, unknownPlugin.status(), unknownPlugin.toString());
        assertTrue(unknownPlugin.error().contains("999999"), unknownPlugin.error());

        HttpResult unknownType = admin.send("PUT", path, grant("nope", List.of("s1")));
        assertEquals(400, unknownType.status(), unknownType.toString());
        assertTrue(unknownType.error().contains("'nope'"), unknownType.error());

        HttpResult unknownIds = admin.send("PUT", path, grant(SERVERS, List.of("s1", "ghost-1", "ghost-2")));
        assertEquals(400, unknownIds.status(), unknownIds.toString());
        assertTrue(unknownIds.error().contains("'ghost-1'") && unknownIds.error().contains("'ghost-2'"),
                unknownIds.error());
        assertFalse(unknownIds.error().contains("'s1'"), "known ids are not named: " + unknownIds.error());
        assertEquals(0, admin.get(path).json().path("resources").size(), "nothing written");

        assertEquals(200, admin.send("PUT", path, grant(SERVERS, List.of("s1"))).status());
        withProviderDown(() -> {
            HttpResult down = admin.send("PUT", path, grant(SERVERS, List.of("s1", "s2")));
            assertEquals(503, down.status(), down.toString());
            assertTrue(down.error().contains("(id " + pluginId + ")"), "names the plugin: " + down.error());
            assertEquals(List.of("s1"), strings(admin.get(path).json().path("resources").get(0)
                    .path("instance_ids")), "nothing written");
            // what the group already holds is kept without asking the provider
            assertEquals(200, admin.send("PUT", path, grant(SERVERS, List.of("s1"))).status());
            return null;
        });
        HttpResult up = admin.send("PUT", path, grant(SERVERS, List.of("s1", "s2")));
        assertEquals(200, up.status(), up.toString());
    }

    // ---- submissions

    @Test
    void aSubmissionIsApprovedIntoAnInstanceOnceAndDecidedOnlyOnce() {
        AdminClient alice = system.newUser("alice-submits@example.com");
        AdminClient bob = system.newUser("bob-submits@example.com");
        long servers = typeId(SERVERS);

        HttpResult refused = alice.post("/api/v1/submissions", submission(typeId(KNOWLEDGE), Map.of("name", "x")));
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.error().contains("does not take submissions"), refused.error());
        Map<String, Object> notPlugin = new java.util.HashMap<>(submission(servers, Map.of("name", "x")));
        notPlugin.put("resource_type", "llm");
        assertEquals(400, alice.post("/api/v1/submissions", notPlugin).status());

        HttpResult submitted = alice.post("/api/v1/submissions", submission(servers,
                Map.of("name", "Community Server", "url", "https://community")));
        assertEquals(201, submitted.status(), submitted.toString());
        long id = submitted.id();
        assertEquals("pending", submitted.json().path("status").asText());
        assertEquals(40, submitted.json().path("suggested_privacy_score").asInt());
        assertEquals("https://community", submitted.json().path("resource_payload").path("url").asText());
        assertEquals(200, alice.get("/api/v1/submissions/" + id).status());
        assertEquals(404, bob.get("/api/v1/submissions/" + id).status(), "not bob's");
        assertFalse(ids(bob.get("/api/v1/submissions").json()).contains(String.valueOf(id)));
        assertEquals(403, alice.post("/api/v1/submissions/" + id + "/approve", Map.of("privacy_score", 1)).status());

        HttpResult noScore = admin.post("/api/v1/submissions/" + id + "/approve", Map.of());
        assertEquals(400, noScore.status(), "the type has privacy scores: " + noScore);
        withProviderDown(() -> {
            HttpResult down = admin.post("/api/v1/submissions/" + id + "/approve", Map.of("privacy_score", 50));
            assertEquals(503, down.status(), down.toString());
            assertTrue(down.error().contains("(id " + pluginId + ")"), down.error());
            return null;
        });
        assertEquals("pending", alice.get("/api/v1/submissions/" + id).json().path("status").asText());

        HttpResult approved = admin.post("/api/v1/submissions/" + id + "/approve", Map.of("privacy_score", 50));
        assertEquals(200, approved.status(), approved.toString());
        assertEquals("approved", approved.json().path("status").asText());
        assertEquals(50, approved.json().path("approved_privacy_score").asInt());
        String instanceId = approved.json().path("created_instance_id").asText();
        assertFalse(instanceId.isEmpty(), approved.toString());
        assertTrue(approved.json().path("decided_at").isTextual());

        JsonNode instance = byId(admin.get("/api/v1/plugin-resource-types/" + servers + "/instances").json(),
                instanceId);
        assertNotNull(instance, "the created instance is listed");
        assertEquals("Community Server", instance.path("name").asText());
        assertEquals(50, instance.path("privacy_score").asInt(), instance.toString());
        assertEquals(50, instance.path("metadata").path("privacy_score").asInt(),
                "the plugin got the payload with the approved score merged in: " + instance);
        assertEquals("https://community", instance.path("metadata").path("url").asText());

        // selectable: granted to alice's group, alice sees it
        long group = admin.post("/api/v1/groups", Map.of("name", "submitters",
                "member_ids", List.of(alice.get("/api/v1/me").id()))).id();
        assertEquals(200, admin.send("PUT", "/api/v1/groups/" + group + "/plugin-resources",
                grant(SERVERS, List.of(instanceId))).status());
        assertEquals(List.of(instanceId), ids(alice.get("/api/v1/plugin-resource-types/" + servers + "/instances")
                .json()));

        assertEquals(409, admin.post("/api/v1/submissions/" + id + "/approve", Map.of("privacy_score", 50)).status());
        assertEquals(409, admin.post("/api/v1/submissions/" + id + "/reject", Map.of("reason", "late")).status());

        long second = alice.post("/api/v1/submissions", submission(servers, Map.of("name", "Duplicate"))).id();
        HttpResult rejected = admin.post("/api/v1/submissions/" + second + "/reject", Map.of("reason", "a duplicate"));
        assertEquals(200, rejected.status(), rejected.toString());
        assertEquals("rejected", rejected.json().path("status").asText());
        assertEquals("a duplicate", rejected.json().path("rejection_reason").asText());
        assertEquals(409, admin.post("/api/v1/submissions/" + second + "/reject", Map.of()).status());
        assertEquals(409, admin.post("/api/v1/submissions/" + second + "/approve", Map.of("privacy_score", 1))
                .status());

        List<String> rejectedIds = ids(admin.get("/api/v1/submissions?status=rejected").json());
        assertTrue(rejectedIds.contains(String.valueOf(second)) && !rejectedIds.contains(String.valueOf(id)),
                rejectedIds.toString());
        assertEquals(400, admin.get("/api/v1/submissions?status=maybe").status());
        List<String> alices = ids(alice.get("/api/v1/submissions").json());
        assertTrue(alices.containsAll(List.of(String.valueOf(id), String.valueOf(second))), alices.toString());
        assertEquals(404, admin.post("/api/v1/submissions/999999/approve", Map.of("privacy_score", 1)).status());
    }

    @Test
    void twoConcurrentApprovalsCreateOneInstance() throws Exception {
        long servers = typeId(SERVERS);
        // the plugin takes a while to create this one, so the second approval arrives while the first decides
        long id = admin.post("/api/v1/submissions", submission(servers, Map.of("name", "Slow Server",
                "delay_ms", 1500))).id();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> approve = () -> admin.post("/api/v1/submissions/" + id + "/approve",
                    Map.of("privacy_score", 10)).status();
            List<Future<Integer>> results = threads.invokeAll(List.of(approve, approve));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> r : results) {
                statuses.add(r.get());
            }
            statuses.sort(null);
            assertEquals(List.of(200, 409), statuses);
        } finally {
            threads.shutdownNow();
        }
        long created = StreamSupport.stream(admin.get("/api/v1/plugin-resource-types/" + servers + "/instances")
                .json().spliterator(), false).filter(i -> i.path("name").asText().equals("Slow Server")).count();
        assertEquals(1, created, "the plugin was asked once");
    }

    // ---- helpers

    /** Runs {@code body} while the provider's instance calls fail. */
    void withProviderDown(Callable<Void> body) {
        Path down = stateDir.resolve("down");
        try {
            Files.createFile(down);
            try {
                body.call();
            } finally {
                Files.delete(down);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    Map<String, Object> grant(String slug, List<String> instanceIds) {
        return Map.of("resources", List.of(Map.of("plugin_id", pluginId, "resource_type_slug", slug,
                "instance_ids", instanceIds)));
    }

    static Map<String, Object> submission(long typeId, Map<String, Object> payload) {
        return Map.of("resource_type", "plugin", "plugin_resource_type_id", typeId, "resource_payload", payload,
                "suggested_privacy_score", 40, "notes", "please add");
    }

    /** This plugin's active type {@code slug} as listed, or null. */
    JsonNode typeOf(String slug) {
        HttpResult list = admin.get("/api/v1/plugin-resource-types");
        return list.status() == 200 ? find(list.json(), slug) : null;
    }

    long typeId(String slug) {
        JsonNode type = typeOf(slug);
        assertNotNull(type, slug + " is listed");
        return type.path("id").asLong();
    }

    JsonNode find(JsonNode types, String slug) {
        for (JsonNode t : types) {
            if (t.path("plugin_id").asLong() == pluginId && t.path("slug").asText().equals(slug)) {
                return t;
            }
        }
        return null;
    }

    /** The stored row's own flag (the registrar's doing), not the listing's view through the plugin. */
    boolean storedActive(long typeId) {
        try (var c = system.studio().dataSource().getConnection();
             var ps = c.prepareStatement("select is_active from plugin_resource_types where id = ?")) {
            ps.setLong(1, typeId);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode byId(JsonNode list, String id) {
        for (JsonNode n : list) {
            if (n.path("id").asText().equals(id)) {
                return n;
            }
        }
        return null;
    }

    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }

    static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
