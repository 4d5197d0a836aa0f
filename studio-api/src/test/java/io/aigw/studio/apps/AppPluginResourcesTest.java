package io.aigw.studio.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.gateway.edge.Edge;
import io.aigw.gateway.edge.EdgeSettings;
import io.aigw.studio.e2e.ServerCatalogPlugin;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.PluginJars;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 003 for Apps, against a started system with a Resource Provider jar dropped in: Apps select
 * plugin resource instances (admins any, users what their groups grant), the generalized privacy
 * rule, the provider's own validation, failing closed, and the stored copies of the instances
 * reaching plugins through the gateway (the echo plugin in-process and external, the Node.js echo)
 * and an edge, and being refreshed when the provider restarts.
 */
class AppPluginResourcesTest {

    private static final String COMMAND = "pf4j:server-catalog";
    private static final String SERVERS = "mcp_servers";
    private static final Duration LIVE = Duration.ofSeconds(30);

    private static TestSystem system;
    private static AdminClient admin;
    private static AdminClient user;
    private static long catalog;
    private static long llm80;

    @BeforeAll
    static void start() throws IOException {
        system = TestSystem.start();
        admin = system.admin();
        system.installEcho();
        Path jar = PluginJars.ofClass(system.dataDir().resolveSibling("server-catalog.jar"), """
                {"id": "server-catalog", "name": "Server Catalog", "version": "1.0.0",
                 "capabilities": {"hooks": ["resource_provider"], "primary_hook": "resource_provider"},
                 "resource_types": [
                   {"slug": "mcp_servers", "name": "MCP Servers", "has_privacy_score": true},
                   {"slug": "notes", "name": "Notes"}]}
                """, ServerCatalogPlugin.class);
        system.dropPlugin(jar, "server-catalog.jar");
        assertTrue(TestSystem.await(LIVE, () -> pluginId(COMMAND) > 0), "registered from its manifest");
        catalog = pluginId(COMMAND);
        awaitRunning();
        registerTypes();

        user = system.newUser("builder@example.com");
        long userId = user.get("/api/v1/me").id();
        llm80 = created(admin.post("/api/v1/llms", Map.of("name", "gpt-enterprise", "privacy_score", 80)));
        long llms = created(admin.post("/api/v1/llm-catalogues", Map.of("name", "models", "llm_ids", List.of(llm80))));
        long group = created(admin.post("/api/v1/groups", Map.of("name", "builders", "member_ids", List.of(userId),
                "llm_catalogue_ids", List.of(llms))));
        HttpResult granted = admin.send("PUT", "/api/v1/groups/" + group + "/plugin-resources", Map.of("resources",
                List.of(selection(SERVERS, "low", "mid", "side", "off"))));
        assertEquals(200, granted.status(), granted.toString());
    }

    /**
     * The types the plugin's manifest declares, as registration stores them. Until the control
     * plane registers types itself this inserts the rows; once it does, this finds them there and
     * adds nothing (and can go).
     */
    private static void registerTypes() {
        try (Connection c = system.studio().dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("insert into plugin_resource_types (plugin_id, slug, name, "
                     + "has_privacy_score, source) values (?, ?, ?, ?, 'manifest') on conflict (plugin_id, slug) do nothing")) {
            for (Object[] type : List.of(new Object[] {SERVERS, "MCP Servers", true},
                    new Object[] {"notes", "Notes", false})) {
                insert.setLong(1, catalog);
                insert.setString(2, (String) type[0]);
                insert.setString(3, (String) type[1]);
                insert.setBoolean(4, (Boolean) type[2]);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void adminBundlesInstancesAndPluginsSeeTheirDetailsOnBothTransports() {
        HttpResult r = admin.post("/api/v1/apps", Map.of("name", "assistant", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "low", "high"), selection("notes", "n1"))));
        assertEquals(400, r.status(), "90 is above the LLM's 80: " + r);
        r = admin.post("/api/v1/apps", Map.of("name", "assistant", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "low", "mid"), selection("notes", "n1"))));
        assertEquals(201, r.status(), r.toString());
        long app = r.id();
        JsonNode selected = r.json().path("plugin_resources");
        assertEquals(2, selected.size(), selected.toString());
        assertEquals(catalog, selected.get(0).path("plugin_id").asLong());
        assertEquals(SERVERS, selected.get(0).path("resource_type_slug").asText());
        assertEquals(List.of("low", "mid"), strings(selected.get(0).path("instance_ids")));
        assertEquals(List.of("n1"), strings(selected.get(1).path("instance_ids")));
        assertEquals(selected, admin.get("/api/v1/apps/" + app).json().path("plugin_resources"));

        JsonNode details = admin.get("/api/v1/apps/" + app + "/plugin-resources").json().path("plugin_resources");
        assertEquals(2, details.size(), details.toString());
        JsonNode low = details.get(0).path("instances").get(0);
        assertEquals("low", low.path("id").asText());
        assertTrue(low.path("name").asText().startsWith("Low server"), low.toString());
        assertEquals("public docs", low.path("description").asText());
        assertEquals(30, low.path("privacy_score").asInt());
        assertEquals("https://low.example/mcp", low.path("metadata").path("url").asText(), low.toString());
        assertTrue(low.path("is_active").asBoolean());
        assertTrue(details.get(0).path("instances").get(1).path("metadata").isNull(), details.toString());
        assertEquals(95, details.get(1).path("instances").get(0).path("privacy_score").asInt());

        String token = token(app);
        registerExternal("echo-external", "echo.launcher", "echo-ext");
        registerExternal("node-echo", "node.echo.launcher", "echo-node");
        for (String slug : List.of("echo", "echo-ext", "echo-node")) {
            HttpResult echoed = system.gatewayGet("/plugins/" + slug + "/hello", token);
            assertEquals(200, echoed.status(), slug + ": " + echoed);
            JsonNode handed = echoed.json().path("app").path("plugin_resources");
            assertEquals(2, handed.size(), slug + ": " + echoed);
            assertEquals(catalog, handed.get(0).path("plugin_id").asLong(), slug);
            assertEquals(List.of("low", "mid"), strings(handed.get(0).path("instance_ids")), slug);
            JsonNode handedLow = handed.get(0).path("instances").get(0);
            assertTrue(handedLow.path("name").asText().startsWith("Low server"), slug + ": " + handedLow);
            assertEquals(30, handedLow.path("privacy_score").asInt(), slug);
            assertEquals(1, handedLow.path("metadata").path("tier").asInt(), slug + ": " + handedLow);
            assertEquals("n1", handed.get(1).path("instances").get(0).path("id").asText(), slug);
        }
    }

    @Test
    void usersSelectOnlyWhatTheirGroupsGrant() {
        HttpResult ok = user.post("/api/v1/apps", Map.of("name", "mine", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "low", "side"))));
        assertEquals(201, ok.status(), ok.toString());
        assertEquals(List.of("low", "side"), strings(ok.json().path("plugin_resources").get(0).path("instance_ids")));
        assertEquals(200, user.get("/api/v1/apps/" + ok.id() + "/plugin-resources").status());

        HttpResult ungranted = user.post("/api/v1/apps", Map.of("name", "sneaky", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "low", "n1"), selection("notes", "n1"))));
        assertEquals(400, ungranted.status(), ungranted.toString());
        assertTrue(ungranted.error().contains("'n1'") && ungranted.error().contains("not granted"), ungranted.error());
        assertFalse(appNames(user).contains("sneaky"), "nothing written");

        // admins bypass the grants; an App a user does not own is not theirs to read
        long adminApp = created(admin.post("/api/v1/apps", Map.of("name", "admins", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection("notes", "n1")))));
        assertEquals(404, user.get("/api/v1/apps/" + adminApp + "/plugin-resources").status());

        // an instance the App already holds stays selectable after its grant is gone
        long group = admin.get("/api/v1/groups").json().get(0).path("id").asLong();
        HttpResult revoked = admin.send("PUT", "/api/v1/groups/" + group + "/plugin-resources",
                Map.of("resources", List.of(selection(SERVERS, "low", "mid", "off"))));
        assertEquals(200, revoked.status(), revoked.toString());
        try {
            HttpResult kept = user.patch("/api/v1/apps/" + ok.id(), Map.of("plugin_resources",
                    List.of(selection(SERVERS, "side", "low"))));
            assertEquals(200, kept.status(), kept.toString());
            assertEquals(List.of("side", "low"),
                    strings(kept.json().path("plugin_resources").get(0).path("instance_ids")), "order as sent");
        } finally {
            admin.send("PUT", "/api/v1/groups/" + group + "/plugin-resources",
                    Map.of("resources", List.of(selection(SERVERS, "low", "mid", "side", "off"))));
        }
    }

    @Test
    void privacyRuleCoversScoredInstances() {
        HttpResult over = user.post("/api/v1/apps", Map.of("name", "leaky", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "high"))));
        assertEquals(400, over.status(), over.toString());
        // a user is refused the ungranted instance before its score matters; an admin is not
        assertTrue(over.error().contains("'high'"), over.error());
        HttpResult overAdmin = admin.post("/api/v1/apps", Map.of("name", "leaky", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "low", "high"))));
        assertEquals(400, overAdmin.status(), overAdmin.toString());
        String error = overAdmin.error();
        assertTrue(error.contains("privacy rule") && error.contains("'high'") && error.contains("90")
                && error.contains("80"), error);

        HttpResult noLlm = admin.post("/api/v1/apps", Map.of("name", "no-llm",
                "plugin_resources", List.of(selection(SERVERS, "low"))));
        assertEquals(400, noLlm.status(), noLlm.toString());
        assertTrue(noLlm.error().contains("'low'") && noLlm.error().contains("without an LLM"), noLlm.error());

        // types without privacy scores are outside the rule
        assertEquals(201, admin.post("/api/v1/apps", Map.of("name", "notes-only",
                "plugin_resources", List.of(selection("notes", "n1")))).status());
        assertFalse(appNames(admin).contains("leaky") || appNames(admin).contains("no-llm"), "nothing written");

        // removing the App's LLM would leave a scored instance above nothing
        long app = created(admin.post("/api/v1/apps", Map.of("name", "scored", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "mid")))));
        HttpResult dropLlm = admin.patch("/api/v1/apps/" + app, Map.of("llm_ids", List.of()));
        assertEquals(400, dropLlm.status(), dropLlm.toString());
        assertTrue(dropLlm.error().contains("'mid'"), dropLlm.error());
        assertEquals(List.of(llm80), longs(admin.get("/api/v1/apps/" + app).json().path("llm_ids")));
    }

    @Test
    void theProviderValidatesTheSelectionForTheApp() {
        HttpResult rejected = admin.post("/api/v1/apps", Map.of("name", "greedy", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "low", "mid", "side"))));
        assertEquals(400, rejected.status(), rejected.toString());
        assertTrue(rejected.error().startsWith("at most 2 MCP servers per App (App "), rejected.error());
        long reserved = Long.parseLong(rejected.error().replaceAll(".*\\(App (\\d+) .*", "$1"));
        assertEquals(404, admin.get("/api/v1/apps/" + reserved).status(), "the App the plugin was asked about was "
                + "never written");
        assertFalse(appNames(admin).contains("greedy"));

        long app = created(admin.post("/api/v1/apps", Map.of("name", "modest", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "low")))));
        HttpResult patch = admin.patch("/api/v1/apps/" + app, Map.of("name", "greedy now",
                "plugin_resources", List.of(selection(SERVERS, "low", "mid", "side"))));
        assertEquals(400, patch.status(), patch.toString());
        assertEquals("at most 2 MCP servers per App (App " + app + " selected 3)", patch.error());
        JsonNode unchanged = admin.get("/api/v1/apps/" + app).json();
        assertEquals("modest", unchanged.path("name").asText());
        assertEquals(List.of("low"), strings(unchanged.path("plugin_resources").get(0).path("instance_ids")));
    }

    @Test
    void unknownInactiveAndInvalidSelectionsAreRefusedByName() {
        Map<String, HttpResult> answers = new LinkedHashMap<>();
        answers.put("'nope'", admin.post("/api/v1/apps", Map.of("name", "x", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "low", "nope")))));
        answers.put("'off'", admin.post("/api/v1/apps", Map.of("name", "x", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "off")))));
        answers.put("'gadgets'", admin.post("/api/v1/apps", Map.of("name", "x",
                "plugin_resources", List.of(selection("gadgets", "g1")))));
        answers.put("twice", admin.post("/api/v1/apps", Map.of("name", "x",
                "plugin_resources", List.of(selection("notes", "n1"), selection("notes", "n1")))));
        answers.forEach((named, r) -> {
            assertEquals(400, r.status(), named + ": " + r);
            assertTrue(r.error().contains(named), named + ": " + r.error());
        });
        assertTrue(answers.get("'off'").error().contains("inactive"), answers.get("'off'").error());

        HttpResult invalid = admin.post("/api/v1/apps", Map.of("name", "x", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "bad-score"))));
        assertEquals(503, invalid.status(), invalid.toString());
        assertTrue(invalid.error().contains("Server Catalog") && invalid.error().contains("150"), invalid.error());
        assertFalse(appNames(admin).contains("x"), "nothing written");
    }

    @Test
    void failsClosedWhenTheProviderFailsOrIsStopped() {
        HttpResult failing = admin.post("/api/v1/apps", Map.of("name", "doomed", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "low", "boom"))));
        assertEquals(503, failing.status(), failing.toString());
        assertTrue(failing.error().contains("Server Catalog") && failing.error().contains("'boom'"), failing.error());
        assertFalse(appNames(admin).contains("doomed"), "nothing written");

        long app = created(admin.post("/api/v1/apps", Map.of("name", "steady", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "low")))));
        // the operator takes the jar away: the registration (and its types) stay, the provider is gone
        Path jar = system.pluginsDir().resolve("server-catalog.jar");
        Path away = system.dataDir().resolveSibling("server-catalog.jar.away");
        move(jar, away);
        try {
            assertTrue(TestSystem.await(LIVE, () -> !"running".equals(state())), "the provider is stopped: " + state());
            HttpResult stopped = admin.patch("/api/v1/apps/" + app, Map.of("name", "changed",
                    "plugin_resources", List.of(selection(SERVERS, "low", "mid"))));
            assertEquals(503, stopped.status(), stopped.toString());
            assertTrue(stopped.error().contains("Server Catalog"), stopped.error());
            JsonNode unchanged = admin.get("/api/v1/apps/" + app).json();
            assertEquals("steady", unchanged.path("name").asText());
            assertEquals(List.of("low"), strings(unchanged.path("plugin_resources").get(0).path("instance_ids")));
            HttpResult create = admin.post("/api/v1/apps", Map.of("name", "while-stopped", "llm_ids", List.of(llm80),
                    "plugin_resources", List.of(selection(SERVERS, "low"))));
            assertEquals(503, create.status(), create.toString());
            assertFalse(appNames(admin).contains("while-stopped"), "nothing written");

            // other changes need no provider: the stored copies stay, and dropping its resources works
            assertEquals(200, admin.patch("/api/v1/apps/" + app, Map.of("description", "d")).status());
            HttpResult dropped = admin.patch("/api/v1/apps/" + app, Map.of("plugin_resources",
                    List.of(selection(SERVERS))));
            assertEquals(200, dropped.status(), dropped.toString());
            assertEquals(0, dropped.json().path("plugin_resources").size(), dropped.toString());
        } finally {
            system.dropPlugin(away, "server-catalog.jar");
            awaitRunning();
        }
    }

    @Test
    void patchReplacesTheListAndTheGatewayFollows() {
        long app = created(admin.post("/api/v1/apps", Map.of("name", "changing", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "low")))));
        String token = token(app);
        assertEquals(List.of("low"), handedIds(token));

        HttpResult replaced = admin.patch("/api/v1/apps/" + app, Map.of("plugin_resources",
                List.of(selection("notes", "n1"), selection(SERVERS, "mid"))));
        assertEquals(200, replaced.status(), replaced.toString());
        assertEquals(List.of("n1", "mid"), handedIds(token), "replaced, in the order sent");

        assertEquals(200, admin.patch("/api/v1/apps/" + app, Map.of("description", "kept")).status());
        assertEquals(List.of("n1", "mid"), handedIds(token), "absent: kept");

        assertEquals(200, admin.patch("/api/v1/apps/" + app, Map.of("plugin_resources", List.of())).status());
        assertEquals(List.of(), handedIds(token));
        assertEquals(0, admin.get("/api/v1/apps/" + app + "/plugin-resources").json().path("plugin_resources").size());
    }

    @Test
    void copiesAreRefreshedWhenTheProviderRestarts() {
        long app = created(admin.post("/api/v1/apps", Map.of("name", "refreshing", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "low", "mid")))));
        String token = token(app);
        setConfig(Map.of("name_suffix", " v2"));
        try {
            assertTrue(TestSystem.await(LIVE, () -> handedNames(token).equals(List.of("Low server v2", "Mid server v2"))),
                    "the gateway hands over the refreshed copies: " + handedNames(token));
            JsonNode stored = admin.get("/api/v1/apps/" + app + "/plugin-resources").json();
            assertEquals("Low server v2", stored.path("plugin_resources").get(0).path("instances").get(0)
                    .path("name").asText(), stored.toString());
        } finally {
            setConfig(Map.of());
            awaitRunning();
        }
        assertTrue(TestSystem.await(LIVE, () -> handedNames(token).equals(List.of("Low server", "Mid server"))),
                "and back: " + handedNames(token));
    }

    @Test
    void anEdgeHandsItsPluginsTheInstancesFromTheSnapshot() throws IOException {
        long app = created(admin.post("/api/v1/apps", Map.of("name", "at-the-edge", "llm_ids", List.of(llm80),
                "plugin_resources", List.of(selection(SERVERS, "side")))));
        String token = token(app);
        Path root = system.dataDir().getParent().resolve("edge");
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Files.copy(TestSystem.echoJar().orElseThrow(), plugins.resolve("echo-endpoint.jar"));
        try (Edge edge = Edge.start(EdgeSettings.fromEnv(Map.of(
                "CONTROL_PLANE_URL", system.apiBase().toString(),
                "EDGE_SECRET", TestSystem.EDGE_SECRET,
                "EDGE_NAME", "edge-with-resources",
                "GATEWAY_HOST", "127.0.0.1",
                "GATEWAY_PORT", "0",
                "PLUGINS_DIR", plugins.toString(),
                "DATA_DIR", root.resolve("data").toString(),
                "PLUGINS_DIR_SCAN_INTERVAL", "100ms")))) {
            HttpResult[] last = new HttpResult[1];
            assertTrue(TestSystem.await(LIVE, () -> {
                last[0] = edgeGet(edge, "/plugins/echo/hello", token);
                return last[0].status() == 200;
            }), "the edge serves the App's token: " + last[0]);
            JsonNode handed = last[0].json().path("app").path("plugin_resources");
            assertEquals(1, handed.size(), last[0].toString());
            JsonNode side = handed.get(0).path("instances").get(0);
            assertEquals("side", side.path("id").asText());
            assertEquals("Side server", side.path("name").asText());
            assertEquals(50, side.path("privacy_score").asInt());
            assertEquals(2, side.path("metadata").get(1).asInt(), side.toString());

            // a change reaches the edge too
            assertEquals(200, admin.patch("/api/v1/apps/" + app, Map.of("plugin_resources",
                    List.of(selection(SERVERS, "low")))).status());
            assertTrue(TestSystem.await(LIVE, () -> strings(edgeGet(edge, "/plugins/echo/hello", token).json()
                    .path("app").path("plugin_resources").get(0).path("instance_ids")).equals(List.of("low"))),
                    "the edge follows the change");
        }
    }

    // ---- helpers

    private static Map<String, Object> selection(String slug, String... ids) {
        return Map.of("plugin_id", catalog, "resource_type_slug", slug, "instance_ids", List.of(ids));
    }

    private static long pluginId(String command) {
        for (JsonNode p : admin.get("/api/v1/plugins").json()) {
            if (p.path("command").asText().equals(command)) {
                return p.path("id").asLong();
            }
        }
        return -1;
    }

    private static String state() {
        return admin.get("/api/v1/plugins/" + catalog).json().path("status").path("state").asText();
    }

    private static void awaitRunning() {
        assertTrue(TestSystem.await(LIVE, () -> "running".equals(state())), "the provider runs: " + state());
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void setConfig(Map<String, String> config) {
        HttpResult r = admin.patch("/api/v1/plugins/" + catalog, Map.of("config", config));
        assertEquals(200, r.status(), r.toString());
    }

    /** Registers the external binary the system property {@code launcherProperty} names under {@code slug}. */
    private static void registerExternal(String name, String launcherProperty, String slug) {
        Path launcher = Path.of(System.getProperty(launcherProperty)).toAbsolutePath().normalize();
        HttpResult created = admin.post("/api/v1/plugins", Map.of("name", name,
                "command", "file://" + launcher, "hook_type", "custom_endpoint",
                "hook_types", List.of("custom_endpoint"), "config", Map.of("slug", slug), "is_active", true));
        assertEquals(201, created.status(), created.toString());
        assertTrue(TestSystem.await(LIVE, () -> system.gatewayGet("/plugins/" + slug + "/public", null).status() == 200),
                name + " is served");
    }

    private static String token(long app) {
        HttpResult r = admin.post("/api/v1/apps/" + app + "/credentials", Map.of());
        assertEquals(201, r.status(), r.toString());
        return r.json().path("token").asText();
    }

    /** The instance ids the gateway hands the echo plugin for {@code token}'s App, all types in order. */
    private static List<String> handedIds(String token) {
        return handed(token, "id");
    }

    private static List<String> handedNames(String token) {
        return handed(token, "name");
    }

    private static List<String> handed(String token, String field) {
        HttpResult r = system.gatewayGet("/plugins/echo/hello", token);
        assertEquals(200, r.status(), r.toString());
        List<String> values = new ArrayList<>();
        for (JsonNode association : r.json().path("app").path("plugin_resources")) {
            association.path("instances").forEach(i -> values.add(i.path(field).asText()));
        }
        return values;
    }

    private static HttpResult edgeGet(Edge edge, String path, String token) {
        return AdminClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token).GET());
    }

    private static List<String> appNames(AdminClient client) {
        return client.get("/api/v1/apps").json().findValues("name").stream().map(JsonNode::asText).toList();
    }

    private static long created(HttpResult r) {
        assertEquals(201, r.status(), r.toString());
        return r.id();
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asLong()));
        return list;
    }
}
