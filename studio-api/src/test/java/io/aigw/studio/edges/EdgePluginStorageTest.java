package io.aigw.studio.edges;

import io.aigw.gateway.edge.EdgePluginStorage;
import io.aigw.loader.store.PluginStoreContract;
import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.StoreUnavailableException;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An edge's plugin store ({@link EdgePluginStorage}) against a running control plane over real
 * sockets: the contract every store keeps (the keys land in the control plane's PostgreSQL under
 * the plugin's registration id), what an unreachable, silent or mistrusting control plane makes of
 * it, and the control plane's edge store routes refusing anyone without the edge secret.
 */
@ExtendWith(SystemExtension.class)
class EdgePluginStorageTest extends PluginStoreContract {

    private static TestSystem system;
    private static EdgePluginStorage storage;
    private long a;
    private long b;

    @BeforeAll
    static void start(Systems systems) {
        system = systems.start();
        storage = new EdgePluginStorage(List.of(system.apiBase()), TestSystem.EDGE_SECRET, Duration.ofSeconds(30),
                null);
    }

    @AfterAll
    static void stop() {
        storage.close();
    }

    @BeforeEach
    void twoFreshPlugins() throws Exception {
        a = registerPlugin("edge-store-a");
        b = registerPlugin("edge-store-b");
    }

    @Override
    protected PluginStore pluginA() {
        return storage.forPlugin(a);
    }

    @Override
    protected PluginStore pluginB() {
        return storage.forPlugin(b);
    }

    @Test
    void whatAnEdgeWritesIsTheControlPlanesStoreOfThatPlugin() throws Exception {
        pluginA().putString("servers/s1", "from the edge");
        assertEquals(List.of("servers/s1"), keysInDatabase(a));
        assertEquals(List.of(), keysInDatabase(b));
        // a registration that is gone has no store, as on the control plane
        var gone = assertThrows(StoreUnavailableException.class, () -> storage.forPlugin(999_999).putString("k", "v"));
        assertEquals("plugin 999999 is no longer registered, so it has no store", gone.getMessage());
    }

    @Test
    void anUnreachableControlPlaneIsStoreUnavailable() {
        URI nobody = URI.create("http://127.0.0.1:" + TestSystem.freePort() + "/");
        try (EdgePluginStorage down = new EdgePluginStorage(List.of(nobody), TestSystem.EDGE_SECRET,
                Duration.ofSeconds(30), null)) {
            var e = assertThrows(StoreUnavailableException.class, () -> down.forPlugin(a).get("k"));
            assertEquals("plugin storage is unavailable: this edge cannot reach the control plane, which keeps it",
                    e.getMessage());
        }
        // with a second control plane that answers, the call goes there
        try (EdgePluginStorage failover = new EdgePluginStorage(List.of(nobody, system.apiBase()),
                TestSystem.EDGE_SECRET, Duration.ofSeconds(30), null)) {
            failover.forPlugin(a).putString("k", "via the second");
            assertEquals(Optional.of("via the second"), pluginA().getString("k"));
        }
    }

    @Test
    void aControlPlaneThatNeverAnswersCostsAtMostTheTimeout() throws Exception {
        stalls(null);
    }

    @Test
    void anAnswerWhoseBodyStallsCostsAtMostTheTimeout() throws Exception {
        stalls("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"keys\": [");
    }

    /** A control plane that accepts, sends {@code start} (null: nothing) and then nothing more. */
    private void stalls(String start) throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket s = silent.accept();
                        held.add(s);
                        if (start != null) {
                            s.getOutputStream().write(start.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                            s.getOutputStream().flush();
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            try (EdgePluginStorage hanging = new EdgePluginStorage(List.of(URI.create("http://127.0.0.1:"
                    + silent.getLocalPort() + "/")), TestSystem.EDGE_SECRET, Duration.ofMillis(500), null)) {
                var e = assertThrows(StoreUnavailableException.class,
                        () -> hanging.forPlugin(a).keys("", null, 10));
                assertEquals("plugin storage is unavailable: the control plane did not answer within 500 ms",
                        e.getMessage());
            } finally {
                silent.close();
                acceptor.join();
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aWrongSecretIsStoreUnavailableAndWritesNothing() throws Exception {
        try (EdgePluginStorage stranger = new EdgePluginStorage(List.of(system.apiBase()), "not-the-edge-secret-12345",
                Duration.ofSeconds(30), null)) {
            var e = assertThrows(StoreUnavailableException.class, () -> stranger.forPlugin(a).putString("k", "v"));
            assertEquals("plugin storage is unavailable: the control plane refused this edge's secret", e.getMessage());
        }
        assertEquals(List.of(), keysInDatabase(a));
    }

    @Test
    void theRoutesRefuseAnyoneButAnEdgeAndCheckWhatEdgesSend() {
        String base = "/api/v1/edge/plugin-store/" + a + "/";
        for (String[] call : new String[][] {{"GET", "value?key=k"}, {"PUT", "value?key=k"},
                {"DELETE", "value?key=k"}, {"GET", "keys"}, {"GET", "entries?prefix=a"}}) {
            HttpResult anonymous = send(call[0], base + call[1], null, null);
            assertEquals(401, anonymous.status(), anonymous.toString());
            assertEquals("invalid edge secret", anonymous.error());
            HttpResult admin = send(call[0], base + call[1], system.adminKey(), null);
            assertEquals(401, admin.status(), "an admin key is not the edge secret: " + admin);
        }
        // an edge that skipped its own checks still meets the store's
        HttpResult badKey = send("PUT", base + "value?key=line%0Abreak", TestSystem.EDGE_SECRET, new byte[1]);
        assertEquals(400, badKey.status(), badKey.toString());
        assertEquals("invalid_key", badKey.json().path("store_error").asText());
        HttpResult tooBig = send("PUT", base + "value?key=big", TestSystem.EDGE_SECRET, new byte[(1 << 20) + 1]);
        assertEquals(413, tooBig.status(), tooBig.toString());
        HttpResult badLimit = send("GET", base + "keys?limit=0", TestSystem.EDGE_SECRET, null);
        assertEquals(400, badLimit.status(), badLimit.toString());
        assertEquals(404, send("GET", "/api/v1/edge/plugin-store/x/keys", TestSystem.EDGE_SECRET, null).status());
        HttpResult absent = send("GET", base + "value?key=nothing", TestSystem.EDGE_SECRET, null);
        assertEquals(204, absent.status(), absent.toString());
    }

    private static HttpResult send(String method, String path, String key, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(system.apiBase().resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return AdminClient.send(b);
    }

    private static long registerPlugin(String name) throws Exception {
        // inactive: a row to own keys, nothing for the host to start
        try (var c = system.studio().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("insert into plugins (name, command, is_active) "
                     + "values (?, 'grpc://127.0.0.1:1', false) returning id")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> keysInDatabase(long pluginId) throws Exception {
        try (var c = system.studio().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select key from plugin_store where plugin_id = ? order by key")) {
            ps.setLong(1, pluginId);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> keys = new ArrayList<>();
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
                return keys;
            }
        }
    }
}
