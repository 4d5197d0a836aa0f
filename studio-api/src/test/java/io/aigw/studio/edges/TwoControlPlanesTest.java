package io.aigw.studio.edges;

import io.aigw.gateway.edge.Edge;
import io.aigw.studio.Studio;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.SystemProcess;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.aigw.studio.edges.ConfigSyncTest.assertBothServeWhatIsStored;
import static io.aigw.studio.edges.ConfigSyncTest.assertLiveOnBoth;
import static io.aigw.studio.edges.TestEdges.LIVE;
import static io.aigw.studio.edges.TestEdges.get;
import static io.aigw.studio.edges.TestEdges.listed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two control planes on one PostgreSQL, as an operator runs them behind a load balancer, each
 * with edges of its own: a change made through either reaches every edge and both embedded
 * gateways (PostgreSQL's LISTEN/NOTIFY wakes the other; the change log carries the change); when
 * one stops, its edges move to the other and take up where they were; when one is killed with
 * SIGKILL in the middle of a burst of changes, nothing committed is lost.
 */
@ExtendWith(SystemExtension.class)
class TwoControlPlanesTest {

    @Test
    void aChangeThroughEitherReachesEveryEdgeAndEdgesFailOver(Systems systems) throws IOException {
        TestSystem system = systems.start();
        AdminClient one = system.admin();
        system.installEcho();
        copyEcho(system.peerPluginsDir("cp2"));
        Studio peer = system.startPeer("cp2", Map.of());
        URI cp1 = system.apiBase();
        URI cp2 = URI.create("http://127.0.0.1:" + peer.port() + "/");
        AdminClient two = new AdminClient(cp2, system.adminKey());
        assertTrue(TestSystem.await(LIVE, () -> gatewayStatus(peer, "/plugins/echo/public", null) == 200),
                "the second control plane's gateway serves the plugin registered through the first");
        Path root = system.dataDir().getParent();
        try (Edge a = TestEdges.start(TestEdges.env(root, "edge-a", List.of(cp1)));
             Edge b = TestEdges.start(TestEdges.env(root, "edge-b", List.of(cp2, cp1)))) {
            assertBothServeWhatIsStored(system, a, b, "at start");
            assertTrue(TestSystem.await(LIVE, () -> listed(one, "edge-a") != null && listed(two, "edge-b") != null),
                    "each edge streams from its own control plane");

            // a change through the first reaches the second's edge and gateway
            long app = one.post("/api/v1/apps", Map.of("name", "two-planes")).id();
            String viaOne = one.post("/api/v1/apps/" + app + "/credentials", Map.of()).json().path("token").asText();
            assertLiveOnBoth(a, b, viaOne, s -> s == 200, "a credential issued through the first control plane");
            assertTrue(TestSystem.await(LIVE, () -> gatewayStatus(peer, "/plugins/echo/hello", viaOne) == 200),
                    "and the second control plane's gateway");

            // and the other way round
            HttpResult issued = two.post("/api/v1/apps/" + app + "/credentials", Map.of());
            assertEquals(201, issued.status(), issued.toString());
            String viaTwo = issued.json().path("token").asText();
            assertLiveOnBoth(a, b, viaTwo, s -> s == 200, "a credential issued through the second control plane");
            assertTrue(TestSystem.await(LIVE, () -> system.gatewayGet("/plugins/echo/hello", viaTwo).status() == 200),
                    "and the first control plane's gateway");
            assertEquals(204, two.delete("/api/v1/apps/" + app + "/credentials/" + issued.id()).status());
            assertLiveOnBoth(a, b, viaTwo, s -> s == 401, "a revocation through the second control plane");
            assertBothServeWhatIsStored(system, a, b, "after changes through both");

            // the second stops: its edge moves to the first and takes up at the version it holds
            long held = b.appliedVersion();
            system.stopPeer(peer);
            assertTrue(TestSystem.await(LIVE, () -> cp1.equals(b.controlPlane())), "the edge failed over");
            assertTrue(TestSystem.await(LIVE, () -> listed(one, "edge-b") != null), "and is listed there");
            assertEquals(held, listed(one, "edge-b").path("connected_version").asLong());
            one.patch("/api/v1/apps/" + app, Map.of("is_active", false));
            assertLiveOnBoth(a, b, viaOne, s -> s == 401, "a change after the failover");
            assertEquals(0, listed(one, "edge-b").path("snapshots_sent").asLong(), "deltas only");
            assertBothServeWhatIsStored(system, a, b, "after the failover");
        }
    }

    @Test
    void aControlPlaneKilledMidChangeLosesNothing(Systems systems) throws IOException, InterruptedException {
        TestSystem system = systems.start();
        system.installEcho();
        Path root2 = Files.createTempDirectory("aigw-cp2-");
        copyEcho(root2.resolve("plugins"));
        SystemProcess killed = SystemProcess.start(root2, Map.of("DATABASE_URL", system.databaseUrl(),
                "STUDIO_EDGE_SECRET", TestSystem.EDGE_SECRET));
        URI cp1 = system.apiBase();
        Path root = system.dataDir().getParent();
        List<String> tokens = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (Edge a = TestEdges.start(TestEdges.env(root, "edge-a", List.of(killed.apiBase(), cp1)));
             Edge b = TestEdges.start(TestEdges.env(root, "edge-b", List.of(cp1)))) {
            assertBothServeWhatIsStored(system, a, b, "at start");
            assertTrue(TestSystem.await(LIVE, () -> killed.apiBase().equals(a.controlPlane())),
                    "the first edge streams from the control plane about to be killed");

            // a burst of Apps and credentials through it, which it is killed in the middle of
            AdminClient doomed = killed.admin();
            Thread writer = Thread.ofVirtual().start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        HttpResult created = doomed.post("/api/v1/apps", Map.of("name", "burst-" + i));
                        HttpResult credential = doomed.post("/api/v1/apps/" + created.id() + "/credentials", Map.of());
                        if (credential.status() == 201) {
                            tokens.add(credential.json().path("token").asText());
                        }
                    } catch (RuntimeException e) {
                        return; // it is gone
                    }
                }
            });
            assertTrue(TestSystem.await(LIVE, () -> tokens.size() >= 10), "the burst is under way");
            killed.killHard();
            stop.set(true);
            writer.join(Duration.ofSeconds(60));

            // its edge reconnects to the other, and both serve every change that was committed
            assertTrue(TestSystem.await(LIVE, () -> cp1.equals(a.controlPlane())), "the edge failed over");
            assertBothServeWhatIsStored(system, a, b, "after the kill");
            for (String token : tokens) {
                assertEquals(200, get(a, "/plugins/echo/hello", token));
                assertEquals(200, get(b, "/plugins/echo/hello", token));
                assertEquals(200, system.gatewayGet("/plugins/echo/hello", token).status());
            }
            String after = system.admin().post("/api/v1/apps/" + system.admin().post("/api/v1/apps",
                    Map.of("name", "after-the-kill")).id() + "/credentials", Map.of()).json().path("token").asText();
            assertLiveOnBoth(a, b, after, s -> s == 200, "a change after the kill");
        } finally {
            stop.set(true);
            killed.close();
            SystemProcess.cleanUp(root2);
        }
    }

    private static void copyEcho(Path pluginsDir) throws IOException {
        Files.createDirectories(pluginsDir);
        Files.copy(TestSystem.echoJar().orElseThrow(() -> new AssertionError("echo plugin jar must be built first")),
                pluginsDir.resolve("echo-endpoint.jar"));
    }

    private static int gatewayStatus(Studio studio, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + studio.gatewayPort() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return AdminClient.send(request.GET()).status();
    }
}
