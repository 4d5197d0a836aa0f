package io.aigw.studio.edges;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.gateway.edge.Edge;
import io.aigw.gateway.edge.EdgeSettings;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One control plane and two edge gateways (in this JVM, on their own ports, plugins and data
 * directories; the edge code has no database access). Changes reach both within a second; both
 * keep serving with the control plane stopped; an edge restarted meanwhile serves its persisted
 * snapshot; a revoked credential is refused on both edges (within a second on an idle machine:
 * bench/edge-latency.sh measures that; the test's bound only catches a change that never arrives).
 */
@ExtendWith(SystemExtension.class)
class HybridEdgeTest {

    /** Generous for a loaded CI machine: each wait ends as soon as the change is seen. */
    private static final Duration LIVE = Duration.ofSeconds(30);

    @Test
    void controlPlaneAndTwoEdges(Systems systems) throws IOException {
        assertTrue(TestSystem.echoJar().isPresent(), "echo plugin jar must be built before these tests");
        Path jar = TestSystem.echoJar().get();
        try (TestSystem system = systems.start(Map.of("STUDIO_PORT", String.valueOf(TestSystem.freePort())))) {
            AdminClient admin = system.admin();
            system.dropPlugin(jar, "echo-endpoint.jar");
            assertTrue(TestSystem.await(LIVE,
                    () -> system.gatewayGet("/plugins/echo/public", null).status() == 200), "echo served by the CP");
            long pluginId = admin.get("/api/v1/plugins").json().get(0).path("id").asLong();

            Map<String, String> envA = edgeEnv(system, "edge-a", jar);
            Map<String, String> envB = edgeEnv(system, "edge-b", jar);
            Edge a = Edge.start(EdgeSettings.fromEnv(envA));
            Edge b = Edge.start(EdgeSettings.fromEnv(envB));
            Edge restarted = null;
            try {
                assertTrue(TestSystem.await(LIVE,
                        () -> get(a, "/plugins/echo/public", null) == 200 && get(b, "/plugins/echo/public", null) == 200),
                        "both edges serve the echo plugin from the pushed snapshot");

                // an App and credential change is served by both (within a second on an idle machine)
                long app = admin.post("/api/v1/apps", Map.of("name", "edge-app")).id();
                JsonNode credential = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).json();
                String token = credential.path("token").asText();
                assertLiveOnBoth(a, b, token, s -> s == 200, "new credential accepted");

                // GET /api/v1/edges lists both, with the version each acknowledged
                long version = system.studio().gateway().appliedVersion();
                assertTrue(TestSystem.await(LIVE, () -> {
                    JsonNode edges = admin.get("/api/v1/edges").json();
                    return edges.size() == 2 && edges.findValues("snapshot_version").stream()
                            .allMatch(v -> v.asLong() == version);
                }), "both edges acknowledged version " + version + ": " + admin.get("/api/v1/edges"));
                JsonNode listed = admin.get("/api/v1/edges").json();
                assertEquals(List.of("edge-a", "edge-b"), listed.findValues("name").stream().map(JsonNode::asText)
                        .sorted().toList());
                assertTrue(listed.get(0).path("address").asText().contains("127.0.0.1"), listed.toString());
                assertTrue(listed.get(0).hasNonNull("connected_at"), listed.toString());

                // an App change
                admin.patch("/api/v1/apps/" + app, Map.of("is_active", false));
                assertLiveOnBoth(a, b, token, s -> s == 401, "deactivated App refused");
                admin.patch("/api/v1/apps/" + app, Map.of("is_active", true));
                assertLiveOnBoth(a, b, token, s -> s == 200, "reactivated App accepted");

                // a plugin change
                assertEquals(200, admin.patch("/api/v1/plugins/" + pluginId, Map.of("is_active", false)).status());
                assertLiveOnBoth(a, b, token, s -> s == 404, "deactivated plugin gone");
                assertEquals(200, admin.patch("/api/v1/plugins/" + pluginId, Map.of("is_active", true)).status());
                assertLiveOnBoth(a, b, token, s -> s == 200, "reactivated plugin served");

                // control plane stopped: both keep serving
                system.stopStudio();
                assertEquals(200, get(a, "/plugins/echo/hello", token));
                assertEquals(200, get(b, "/plugins/echo/hello", token));

                // an edge restarted while the control plane is down serves its persisted snapshot
                assertTrue(Files.isRegularFile(Path.of(envA.get("DATA_DIR")).resolve("edge-snapshot.json")));
                a.close();
                restarted = Edge.start(EdgeSettings.fromEnv(envA));
                Edge a2 = restarted;
                assertTrue(TestSystem.await(LIVE,
                        () -> get(a2, "/plugins/echo/hello", token) == 200), "restarted edge serves from disk");
                assertEquals(401, get(a2, "/plugins/echo/hello", "aigw_not-a-token"));
                assertEquals(200, get(b, "/plugins/echo/hello", token));

                // the control plane comes back: both reconnect, and a revocation is refused on both
                system.startStudio();
                assertTrue(TestSystem.await(LIVE,
                        () -> a2.connected() && b.connected()), "both edges reconnected");
                assertTrue(TestSystem.await(LIVE,
                        () -> admin.get("/api/v1/edges").json().size() == 2), "both edges listed again");
                assertEquals(204, admin.delete("/api/v1/apps/" + app + "/credentials/" + credential.path("id").asLong())
                        .status());
                assertLiveOnBoth(a2, b, token, s -> s == 401, "revoked credential refused");
            } finally {
                (restarted != null ? restarted : a).close();
                b.close();
            }
        }
    }

    private static void assertLiveOnBoth(Edge a, Edge b, String token, IntPredicate expected, String what) {
        long start = System.nanoTime();
        boolean both = TestSystem.await(LIVE, () -> expected.test(get(a, "/plugins/echo/hello", token))
                && expected.test(get(b, "/plugins/echo/hello", token)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(both, what + " on both edges within " + LIVE.toMillis() + " ms (waited " + millis + " ms)");
    }

    private static Map<String, String> edgeEnv(TestSystem system, String name, Path jar) throws IOException {
        Path root = system.dataDir().getParent().resolve(name);
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Files.copy(jar, plugins.resolve("echo-endpoint.jar"));
        return Map.of(
                "CONTROL_PLANE_URL", system.apiBase().toString(),
                "EDGE_SECRET", TestSystem.EDGE_SECRET,
                "EDGE_NAME", name,
                "GATEWAY_HOST", "127.0.0.1",
                "GATEWAY_PORT", "0",
                "PLUGINS_DIR", plugins.toString(),
                "DATA_DIR", root.resolve("data").toString(),
                "PLUGINS_DIR_SCAN_INTERVAL", "100ms",
                "EDGE_RECONNECT_MAX", "300ms");
    }

    static int get(Edge edge, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResult r = AdminClient.send(request.GET());
        return r.status();
    }
}
