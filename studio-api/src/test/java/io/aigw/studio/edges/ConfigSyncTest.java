package io.aigw.studio.edges;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.gateway.edge.Edge;
import io.aigw.studio.db.ChangeLog;
import io.aigw.studio.e2e.ServerCatalogPlugin;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.PluginJars;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import static io.aigw.studio.edges.TestEdges.LIVE;
import static io.aigw.studio.edges.TestEdges.get;
import static io.aigw.studio.edges.TestEdges.listed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Incremental config sync between one control plane and two edge gateways (in this JVM, over real
 * sockets): every kind of change reaches both as a delta (after the one whole snapshot an edge
 * starts from) and leaves each serving exactly what the database holds; a delta lost on the way is
 * noticed and healed; an edge restarted on its persisted snapshot catches up with the changes it
 * missed — from the control plane's recent deltas, from the change log after a control plane
 * restart, or whole once the log no longer reaches back.
 */
@ExtendWith(SystemExtension.class)
class ConfigSyncTest {

    private static final String CATALOG_COMMAND = "pf4j:server-catalog";

    @Test
    void everyKindOfChangeReachesBothEdgesAsADelta(Systems systems) throws IOException {
        TestSystem system = systems.start();
        AdminClient admin = system.admin();
        system.installEcho();
        long catalog = installServerCatalog(system);
        long echo = pluginId(admin, "pf4j:io.aigw.examples.echo");
        Path root = system.dataDir().getParent();
        try (Edge a = TestEdges.start(TestEdges.env(root, "edge-a", List.of(system.apiBase())));
             Edge b = TestEdges.start(TestEdges.env(root, "edge-b", List.of(system.apiBase())))) {
            assertBothServeWhatIsStored(system, a, b, "at start");
            Sent before = Sent.of(admin);

            long app = admin.post("/api/v1/apps", Map.of("name", "synced", "metadata", Map.of("tier", "silver"))).id();
            assertBothServeWhatIsStored(system, a, b, "a new App");

            HttpResult credential = admin.post("/api/v1/apps/" + app + "/credentials", Map.of("scopes", List.of("read")));
            String token = credential.json().path("token").asText();
            assertLiveOnBoth(a, b, token, s -> s == 200, "a new credential");
            assertBothServeWhatIsStored(system, a, b, "a new credential");

            admin.patch("/api/v1/apps/" + app, Map.of("metadata", Map.of("tier", "gold")));
            assertTrue(TestSystem.await(LIVE, () -> "gold".equals(echoedApp(a, token).path("metadata").path("tier")
                    .asText()) && "gold".equals(echoedApp(b, token).path("metadata").path("tier").asText())),
                    "the App's new metadata reaches plugins on both edges");
            assertBothServeWhatIsStored(system, a, b, "an App change");

            // what the App is granted: an LLM (privacy 80) and plugin resources within its score
            long llm = admin.post("/api/v1/llms", Map.of("name", "model", "privacy_score", 80)).id();
            assertEquals(200, admin.patch("/api/v1/apps/" + app, Map.of("llm_ids", List.of(llm))).status());
            assertBothServeWhatIsStored(system, a, b, "an App's LLM grant");
            HttpResult selected = admin.patch("/api/v1/apps/" + app, Map.of("plugin_resources", List.of(Map.of(
                    "plugin_id", catalog, "resource_type_slug", "mcp_servers", "instance_ids", List.of("low", "mid")))));
            assertEquals(200, selected.status(), selected.toString());
            assertTrue(TestSystem.await(LIVE, () -> handedInstances(a, token).equals(List.of("low", "mid"))
                    && handedInstances(b, token).equals(List.of("low", "mid"))),
                    "the App's plugin resources reach plugins on both edges");
            assertBothServeWhatIsStored(system, a, b, "an App's plugin resources");

            // a plugin change
            assertEquals(200, admin.patch("/api/v1/plugins/" + echo, Map.of("is_active", false)).status());
            assertLiveOnBoth(a, b, token, s -> s == 404, "a deactivated plugin");
            assertEquals(200, admin.patch("/api/v1/plugins/" + echo, Map.of("is_active", true)).status());
            assertLiveOnBoth(a, b, token, s -> s == 200, "a reactivated plugin");
            assertBothServeWhatIsStored(system, a, b, "plugin changes");

            // an App deactivated, a credential revoked, an App deleted
            admin.patch("/api/v1/apps/" + app, Map.of("is_active", false));
            assertLiveOnBoth(a, b, token, s -> s == 401, "a deactivated App");
            admin.patch("/api/v1/apps/" + app, Map.of("is_active", true));
            assertLiveOnBoth(a, b, token, s -> s == 200, "a reactivated App");
            assertEquals(204, admin.delete("/api/v1/apps/" + app + "/credentials/" + credential.id()).status());
            assertLiveOnBoth(a, b, token, s -> s == 401, "a revoked credential");
            assertEquals(204, admin.delete("/api/v1/apps/" + app).status());
            assertBothServeWhatIsStored(system, a, b, "a deleted App");

            // all of it as deltas: no edge was sent another whole snapshot, and each delta was small
            Sent after = Sent.of(admin);
            for (String edge : List.of("edge-a", "edge-b")) {
                assertEquals(before.snapshots(edge), after.snapshots(edge), edge + " was sent no whole snapshot: "
                        + admin.get("/api/v1/edges"));
                long deltas = after.deltas(edge) - before.deltas(edge);
                assertTrue(deltas >= 11, edge + " was sent a delta per change: " + deltas);
                long bytes = after.deltaBytes(edge) - before.deltaBytes(edge);
                assertTrue(bytes / deltas < 2048, edge + " was sent " + bytes / deltas + " bytes per delta");
            }
        }
    }

    @Test
    void aLostDeltaIsNoticedAndHealed(Systems systems) throws IOException {
        TestSystem system = systems.start();
        AdminClient admin = system.admin();
        system.installEcho();
        Path root = system.dataDir().getParent();
        try (LossyLink link = new LossyLink(system.apiBase());
             Edge lossy = TestEdges.start(TestEdges.env(root, "edge-lossy", List.of(link.uri())));
             Edge direct = TestEdges.start(TestEdges.env(root, "edge-direct", List.of(system.apiBase())))) {
            assertBothServeWhatIsStored(system, lossy, direct, "at start");
            long app = admin.post("/api/v1/apps", Map.of("name", "gap")).id();
            assertBothServeWhatIsStored(system, lossy, direct, "an App");
            long held = lossy.appliedVersion();

            link.dropNextDelta();
            String lost = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).json().path("token").asText();
            assertTrue(TestSystem.await(LIVE, () -> link.dropped() == 1), "the link lost the credential's delta");
            assertEquals(200, get(direct, "/plugins/echo/hello", lost));
            assertEquals(401, get(lossy, "/plugins/echo/hello", lost), "the lossy edge never got it");
            assertEquals(held, lossy.appliedVersion());

            // the next delta does not follow the version the edge holds: it asks again from there
            String next = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).json().path("token").asText();
            assertLiveOnBoth(lossy, direct, next, s -> s == 200, "the change after the lost one");
            assertEquals(200, get(lossy, "/plugins/echo/hello", lost), "the lost change is healed");
            assertBothServeWhatIsStored(system, lossy, direct, "after the gap");
            List<String> streams = link.streamsOpened();
            assertEquals(2, streams.size(), streams.toString());
            assertTrue(streams.get(1).endsWith("since=" + held), "reconnected asking for what followed " + held
                    + ": " + streams);
            JsonNode reconnected = listed(admin, "edge-lossy");
            assertEquals(held, reconnected.path("connected_version").asLong(), reconnected.toString());
            assertEquals(0, reconnected.path("snapshots_sent").asLong(),
                    "healed with deltas, not a whole snapshot: " + admin.get("/api/v1/edges"));
        }
    }

    @Test
    void anEdgeRestartedOnAnOldSnapshotCatchesUp(Systems systems) {
        TestSystem system = systems.start(Map.of("STUDIO_PORT", String.valueOf(TestSystem.freePort())));
        AdminClient admin = system.admin();
        system.installEcho();
        Path root = system.dataDir().getParent();
        Map<String, String> envA = TestEdges.env(root, "edge-a", List.of(system.apiBase()));
        long app = admin.post("/api/v1/apps", Map.of("name", "restarts")).id();
        HttpResult first = admin.post("/api/v1/apps/" + app + "/credentials", Map.of());
        String firstToken = first.json().path("token").asText();
        try (Edge b = TestEdges.start(TestEdges.env(root, "edge-b", List.of(system.apiBase())))) {
            // 1. it missed changes the control plane still has among its recent deltas
            long held;
            try (Edge a = TestEdges.start(envA)) {
                assertBothServeWhatIsStored(system, a, b, "at start");
                held = a.appliedVersion();
            }
            String second = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).json().path("token").asText();
            admin.patch("/api/v1/apps/" + app, Map.of("name", "renamed while the edge was down"));
            try (Edge restarted = TestEdges.start(envA)) {
                assertConnectedHolding(admin, "edge-a", held); // it said which version it held
                assertBothServeWhatIsStored(system, restarted, b, "after catching up from recent deltas");
                assertEquals(200, get(restarted, "/plugins/echo/hello", second));
                assertEquals(0, listed(admin, "edge-a").path("snapshots_sent").asLong(), "deltas only");
                held = restarted.appliedVersion();
            }

            // 2. it missed changes from before the control plane restarted: read from the change log
            String third = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).json().path("token").asText();
            system.restart(); // its recent deltas are gone with it
            try (Edge restarted = TestEdges.start(envA)) {
                assertConnectedHolding(admin, "edge-a", held);
                assertTrue(TestEdges.servesWhatIsStored(restarted, system.studio().dataSource()),
                        "caught up from the change log");
                assertEquals(200, get(restarted, "/plugins/echo/hello", third));
                assertEquals(0, listed(admin, "edge-a").path("snapshots_sent").asLong(), "deltas only");
                held = restarted.appliedVersion();
            }

            // 3. it missed changes the log no longer holds: a whole snapshot, then deltas
            assertEquals(204, admin.delete("/api/v1/apps/" + app + "/credentials/" + first.id()).status());
            int pruned = Jdbi.create(system.studio().dataSource())
                    .inTransaction(h -> ChangeLog.prune(h, Duration.ZERO));
            assertTrue(pruned > 0, "the log was pruned");
            system.restart();
            try (Edge restarted = TestEdges.start(envA)) {
                assertConnectedHolding(admin, "edge-a", held);
                assertTrue(TestEdges.servesWhatIsStored(restarted, system.studio().dataSource()),
                        "caught up with a whole snapshot");
                assertEquals(401, get(restarted, "/plugins/echo/hello", firstToken), "the revocation it missed");
                assertEquals(1, listed(admin, "edge-a").path("snapshots_sent").asLong());
                String fourth = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).json().path("token")
                        .asText();
                assertTrue(TestSystem.await(LIVE, () -> get(restarted, "/plugins/echo/hello", fourth) == 200),
                        "and then deltas again");
                assertTrue(listed(admin, "edge-a").path("deltas_sent").asLong() >= 1);
            }
        }
    }

    // ---- helpers

    /** What this control plane's edges were sent so far, by edge name. */
    private record Sent(JsonNode edges) {

        static Sent of(AdminClient admin) {
            return new Sent(admin.get("/api/v1/edges").json());
        }

        private long field(String edge, String field) {
            JsonNode found = null;
            for (JsonNode e : edges) {
                if (e.path("name").asText().equals(edge)) {
                    found = e; // the newest connection of that name
                }
            }
            if (found == null) {
                throw new AssertionError("edge " + edge + " is not connected: " + edges);
            }
            return found.path(field).asLong();
        }

        long snapshots(String edge) {
            return field(edge, "snapshots_sent");
        }

        long deltas(String edge) {
            return field(edge, "deltas_sent");
        }

        long deltaBytes(String edge) {
            return field(edge, "delta_bytes_sent");
        }
    }

    static void assertBothServeWhatIsStored(TestSystem system, Edge a, Edge b, String when) {
        var db = system.studio().dataSource();
        assertTrue(TestEdges.servesWhatIsStored(a, db), when + ": the first edge serves what is stored");
        assertTrue(TestEdges.servesWhatIsStored(b, db), when + ": the second edge serves what is stored");
    }

    static void assertLiveOnBoth(Edge a, Edge b, String token, IntPredicate expected, String what) {
        assertTrue(TestSystem.await(LIVE, () -> expected.test(get(a, "/plugins/echo/hello", token))
                && expected.test(get(b, "/plugins/echo/hello", token))), what + " on both edges");
    }

    private static void assertConnectedHolding(AdminClient admin, String edge, long version) {
        assertTrue(TestSystem.await(LIVE, () -> {
            JsonNode listed = listed(admin, edge);
            return listed != null && listed.path("connected_version").asLong(-2) == version;
        }), edge + " connected saying it holds version " + version + ": " + admin.get("/api/v1/edges"));
    }

    private static JsonNode echoedApp(Edge edge, String token) {
        HttpResult r = TestEdges.call(edge, "/plugins/echo/hello", token);
        return r.status() == 200 ? r.json().path("app") : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<String> handedInstances(Edge edge, String token) {
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode association : echoedApp(edge, token).path("plugin_resources")) {
            association.path("instances").forEach(i -> ids.add(i.path("id").asText()));
        }
        return ids;
    }

    static long pluginId(AdminClient admin, String commandPrefix) {
        for (JsonNode p : admin.get("/api/v1/plugins").json()) {
            if (p.path("command").asText().startsWith(commandPrefix)) {
                return p.path("id").asLong();
            }
        }
        throw new AssertionError("no plugin with a command starting " + commandPrefix);
    }

    /** Drops the server catalog Resource Provider in and waits until it runs. */
    private static long installServerCatalog(TestSystem system) throws IOException {
        Path jar = PluginJars.ofClass(system.dataDir().resolveSibling("server-catalog.jar"), """
                {"id": "server-catalog", "name": "Server Catalog", "version": "1.0.0",
                 "capabilities": {"hooks": ["resource_provider"], "primary_hook": "resource_provider"},
                 "resource_types": [
                   {"slug": "mcp_servers", "name": "MCP Servers", "has_privacy_score": true},
                   {"slug": "notes", "name": "Notes"}]}
                """, ServerCatalogPlugin.class);
        system.dropPlugin(jar, "server-catalog.jar");
        AdminClient admin = system.admin();
        assertTrue(TestSystem.await(LIVE, () -> admin.get("/api/v1/plugins").json().findValuesAsText("command")
                .contains(CATALOG_COMMAND)), "the catalog is registered");
        long id = pluginId(admin, CATALOG_COMMAND);
        assertTrue(TestSystem.await(LIVE, () -> "running".equals(admin.get("/api/v1/plugins/" + id).json()
                .path("status").path("state").asText())), "the catalog runs");
        assertTrue(TestSystem.await(LIVE, () -> admin.get("/api/v1/plugin-resource-types").json()
                .findValuesAsText("slug").contains("mcp_servers")), "its types are registered");
        return id;
    }
}
