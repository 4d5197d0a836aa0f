package io.aigw.studio.pluginstore;

import io.aigw.gateway.edge.Edge;
import io.aigw.gateway.edge.EdgeSettings;
import io.aigw.loader.testing.StorePluginBinary;
import io.aigw.loader.testing.plugins.StorePlugin;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.PluginJars;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plugin storage in a really started system: {@link StorePlugin} as a dropped-in jar and as an
 * external binary, each registered in the control plane, each writing through its
 * {@code PluginContext.store()} into PostgreSQL; keys survive a control-plane restart; on an edge
 * the same plugins reach the control plane's store of their registration over HTTP, and get
 * {@code StoreUnavailableException} while it is gone.
 */
class PluginStoreSystemTest {

    private static final String MANIFEST = """
            {"id": "store-plugin", "name": "Store plugin", "version": "1.0.0",
             "capabilities": {"hooks": ["custom_endpoint"], "primary_hook": "custom_endpoint"},
             "default_config": {"slug": "kv"}}
            """;
    private static final Duration LOAD = Duration.ofSeconds(60);

    @Test
    void bothTransportsKeepTheirOwnKeysAcrossAControlPlaneRestart() throws Exception {
        try (TestSystem system = TestSystem.start()) {
            AdminClient admin = system.admin();
            Path root = system.pluginsDir().getParent();
            system.dropPlugin(PluginJars.ofClass(root.resolve("store-plugin.jar"), MANIFEST, StorePlugin.class),
                    "store-plugin.jar");
            Path binary = StorePluginBinary.write(Files.createDirectories(root.resolve("bin")));
            HttpResult registered = admin.post("/api/v1/plugins", Map.of("name", "store-external",
                    "command", "file://" + binary, "hook_type", "custom_endpoint",
                    "config", Map.of("slug", "kv-ext")));
            assertEquals(201, registered.status(), registered.toString());
            long external = registered.id();
            URI gateway = system.gatewayBase();
            awaitServing(gateway, "kv");
            awaitServing(gateway, "kv-ext");

            assertEquals(204, put(gateway, "kv", "servers/s1", "in-process value").status());
            assertEquals(204, put(gateway, "kv-ext", "servers/s1", "external value").status());
            assertEquals(204, put(gateway, "kv-ext", "servers/s2", "second").status());
            // two registrations, two stores: neither sees the other's keys
            assertEquals("servers/s1", get(gateway, "/plugins/kv/keys?prefix=servers/").body());
            assertEquals("servers/s1\nservers/s2", get(gateway, "/plugins/kv-ext/keys?prefix=servers/").body());
            assertEquals(2, rows(system, external), "the external plugin's keys are in PostgreSQL under its id");

            system.restart();
            gateway = system.gatewayBase();
            awaitServing(gateway, "kv");
            awaitServing(gateway, "kv-ext");

            assertEquals("in-process value", get(gateway, "/plugins/kv/get?key=servers/s1").body());
            assertEquals("external value", get(gateway, "/plugins/kv-ext/get?key=servers/s1").body());
            assertEquals("servers/s1=external value\nservers/s2=second",
                    get(gateway, "/plugins/kv-ext/entries?prefix=servers/").body());

            // the keys go with the registration
            assertEquals(204, system.admin().delete("/api/v1/plugins/" + external).status());
            assertEquals(0, rows(system, external));
        }
    }

    @Test
    void onAnEdgeTheSamePluginsGetAStoreThatLivesOnTheControlPlane() throws Exception {
        try (TestSystem system = TestSystem.start()) {
            Path root = system.pluginsDir().getParent();
            Path jar = PluginJars.ofClass(root.resolve("store-plugin.jar"), MANIFEST, StorePlugin.class);
            system.dropPlugin(jar, "store-plugin.jar");
            Path binary = StorePluginBinary.write(Files.createDirectories(root.resolve("bin")));
            assertEquals(201, system.admin().post("/api/v1/plugins", Map.of("name", "store-external",
                    "command", "file://" + binary, "hook_type", "custom_endpoint",
                    "config", Map.of("slug", "kv-ext"))).status());
            awaitServing(system.gatewayBase(), "kv");
            awaitServing(system.gatewayBase(), "kv-ext");
            assertEquals(204, put(system.gatewayBase(), "kv", "k", "on the control plane").status());

            Path edgeRoot = root.resolve("edge");
            Path edgePlugins = Files.createDirectories(edgeRoot.resolve("plugins"));
            Files.copy(jar, edgePlugins.resolve("store-plugin.jar"));
            Edge edge = Edge.start(EdgeSettings.fromEnv(Map.of(
                    "CONTROL_PLANE_URL", system.apiBase().toString(),
                    "EDGE_SECRET", TestSystem.EDGE_SECRET,
                    "EDGE_NAME", "edge-store",
                    "GATEWAY_HOST", "127.0.0.1",
                    "GATEWAY_PORT", "0",
                    "PLUGINS_DIR", edgePlugins.toString(),
                    "DATA_DIR", edgeRoot.resolve("data").toString(),
                    "PLUGINS_DIR_SCAN_INTERVAL", "100ms")));
            try {
                URI edgeBase = URI.create("http://127.0.0.1:" + edge.port() + "/");
                awaitServing(edgeBase, "kv");
                awaitServing(edgeBase, "kv-ext");
                assertEquals("on the control plane", get(edgeBase, "/plugins/kv/get?key=k").body(),
                        "the edge's plugin reads the control plane's store of that plugin");
                for (String slug : new String[] {"kv", "kv-ext"}) {
                    HttpResult put = put(edgeBase, slug, "edge/k", "on the edge " + slug);
                    assertEquals(204, put.status(), put.toString());
                    assertEquals(204, put(edgeBase, slug, "edge/k2", "second").status());
                    assertEquals("on the edge " + slug, get(system.gatewayBase(), "/plugins/" + slug + "/get?key=edge/k")
                            .body(), "written through to the control plane");
                    assertEquals("edge/k=on the edge " + slug + "\nedge/k2=second",
                            get(edgeBase, "/plugins/" + slug + "/entries?prefix=edge/").body());
                    HttpResult firstPage = get(edgeBase, "/plugins/" + slug + "/keys?prefix=edge/&limit=1");
                    assertEquals("edge/k", firstPage.body());
                    assertEquals("edge/k", firstPage.header("X-Next"));
                    assertEquals("edge/k2", get(edgeBase, "/plugins/" + slug + "/keys?prefix=edge/&after=edge/k").body());
                    assertEquals("true", send(edgeBase, "DELETE", "/plugins/" + slug + "/delete?key=edge/k2").body());
                    assertEquals("false", send(edgeBase, "DELETE", "/plugins/" + slug + "/delete?key=edge/k2").body());
                    assertEquals(404, get(edgeBase, "/plugins/" + slug + "/get?key=edge/k2").status());
                    // the rules are the store's: checked on the edge with the same messages
                    assertEquals("StoreLimitExceededException: the value for key 'big' is 1048577 bytes; a store "
                            + "value may be at most 1048576 bytes",
                            send(edgeBase, "PUT", "/plugins/" + slug + "/put?key=big&size=1048577").body());
                }
                assertEquals("edge/k", get(edgeBase, "/plugins/kv/keys?prefix=edge/").body(),
                        "each registration keeps its own keys, on the edge as locally");

                // the control plane goes away: the edge serves on, and its plugins' store calls fail cleanly
                system.stopStudio();
                for (String slug : new String[] {"kv", "kv-ext"}) {
                    HttpResult down = get(edgeBase, "/plugins/" + slug + "/get?key=edge/k");
                    assertEquals(400, down.status(), down.toString());
                    assertTrue(down.body().startsWith("StoreUnavailableException: plugin storage is unavailable"),
                            down.body());
                    assertEquals(200, get(edgeBase, "/plugins/" + slug + "/ping").status(), "still serving");
                }
            } finally {
                edge.close();
            }
        }
    }

    private static void awaitServing(URI gateway, String slug) {
        assertTrue(TestSystem.await(LOAD, () -> get(gateway, "/plugins/" + slug + "/ping").status() == 200),
                slug + " is served at " + gateway + ": " + get(gateway, "/plugins/" + slug + "/ping"));
    }

    private static HttpResult put(URI gateway, String slug, String key, String value) {
        return AdminClient.send(HttpRequest.newBuilder(gateway.resolve("/plugins/" + slug + "/put?key=" + key))
                .timeout(Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.ofString(value)));
    }

    private static HttpResult send(URI base, String method, String path) {
        return AdminClient.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResult get(URI gateway, String path) {
        return AdminClient.send(HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30)).GET());
    }

    private static long rows(TestSystem system, long pluginId) throws Exception {
        try (var c = system.studio().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from plugin_store where plugin_id = ?")) {
            ps.setLong(1, pluginId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
