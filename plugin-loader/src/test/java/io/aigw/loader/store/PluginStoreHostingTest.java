package io.aigw.loader.store;

import io.aigw.loader.calls.CallLimits;
import io.aigw.loader.directory.PluginDirectory;
import io.aigw.loader.grpc.ExternalPluginLauncher;
import io.aigw.loader.grpc.ExternalPluginSettings;
import io.aigw.loader.host.PluginEntry;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.host.PluginSpec;
import io.aigw.loader.host.PluginState;
import io.aigw.loader.host.RestartPolicy;
import io.aigw.loader.pf4j.Pf4jLauncher;
import io.aigw.loader.testing.StorePluginBinary;
import io.aigw.loader.testing.TestJars;
import io.aigw.loader.testing.plugins.StorePlugin;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.RequestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The same plugin code ({@link StorePlugin}) as a PF4J jar and as an external binary, started by a
 * real plugin host: each gets the store of its own registration through {@code PluginContext},
 * in-process directly and external over the host-services channel, with the same results and the
 * same errors.
 */
class PluginStoreHostingTest {

    static final long IN_PROCESS_A = 1;
    static final long IN_PROCESS_B = 2;
    static final long EXTERNAL_A = 3;
    static final long EXTERNAL_B = 4;

    @TempDir
    Path tmp;

    private final MemoryPluginStorage storage = new MemoryPluginStorage();
    private final HostServices hostServices = new HostServices();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String binaryCommand;
    private PluginDirectory directory;

    record Request(String requestId, System.Logger logger) implements RequestContext {
        @Override
        public boolean isCancelled() {
            return false;
        }
    }

    @BeforeEach
    void plugins() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        TestJars.plugin(dir.resolve("store.jar"), TestJars.manifest("store-plugin", "1"), StorePlugin.class);
        binaryCommand = "file://" + StorePluginBinary.write(Files.createDirectories(tmp.resolve("bin")));
        directory = PluginDirectory.open(dir, Duration.ofHours(1));
        toClose.add(directory);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose.reversed()) {
            c.close();
        }
        hostServices.close();
    }

    private PluginHost host(PluginStorage storage, long... ids) {
        PluginHost host = new PluginHost(List.of(new Pf4jLauncher(directory, tmp.resolve("staging")),
                new ExternalPluginLauncher(ExternalPluginSettings.defaults(Duration.ofSeconds(20),
                        Duration.ofSeconds(20), 1 << 20).withHandshakeTimeout(Duration.ofSeconds(60)), hostServices)),
                Duration.ofSeconds(60), Duration.ofSeconds(5), RestartPolicy.DEFAULT, CallLimits.DEFAULT, storage);
        toClose.add(host);
        List<PluginSpec> specs = new ArrayList<>();
        for (long id : ids) {
            specs.add(new PluginSpec(id, "store-" + id, id == EXTERNAL_A || id == EXTERNAL_B ? binaryCommand
                    : "pf4j:store-plugin", Map.of()));
        }
        host.apply(specs);
        for (PluginEntry e : host.entries()) {
            assertEquals(PluginState.RUNNING, e.status().state(), e.spec().name() + ": " + e.status().error());
        }
        return host;
    }

    @Test
    void inProcessAndExternalPluginsEachReachOnlyTheirOwnKeys() throws Exception {
        PluginHost host = host(storage, IN_PROCESS_A, IN_PROCESS_B, EXTERNAL_A, EXTERNAL_B);
        for (long id : new long[] {IN_PROCESS_A, EXTERNAL_A}) {
            String value = "written by " + id;
            assertEquals(204, call(host, id, "PUT", "/put", "key=servers/s1", value).status());
            assertEquals(204, call(host, id, "PUT", "/put", "key=servers/s2", "two").status());
            assertEquals(value, body(call(host, id, "GET", "/get", "key=servers/s1", "")));
            assertEquals("servers/s1\nservers/s2", body(call(host, id, "GET", "/keys", "prefix=servers/", "")));
            EndpointResponse firstPage = call(host, id, "GET", "/entries", "prefix=servers/&limit=1", "");
            assertEquals("servers/s1=" + value, body(firstPage));
            assertEquals("servers/s1", firstPage.headers().get("X-Next"));
            assertEquals("true", body(call(host, id, "DELETE", "/delete", "key=servers/s2", "")));
            assertEquals(404, call(host, id, "GET", "/get", "key=servers/s2", "").status());
            // what the plugin wrote is in the host's storage, under its registration's id
            assertEquals(Optional.of(value), storage.forPlugin(id).getString("servers/s1"));
        }
        // B (the same code under other registrations) sees none of A's keys, and writes its own
        for (long id : new long[] {IN_PROCESS_B, EXTERNAL_B}) {
            assertEquals(404, call(host, id, "GET", "/get", "key=servers/s1", "").status());
            assertEquals("", body(call(host, id, "GET", "/keys", "prefix=", "")));
            assertEquals("false", body(call(host, id, "DELETE", "/delete", "key=servers/s1", "")));
            assertEquals(204, call(host, id, "PUT", "/put", "key=servers/s1", "b's").status());
        }
        assertEquals(Optional.of("written by 1"), storage.forPlugin(IN_PROCESS_A).getString("servers/s1"));
        assertEquals(Optional.of("written by 3"), storage.forPlugin(EXTERNAL_A).getString("servers/s1"));
        assertEquals(Optional.of("b's"), storage.forPlugin(EXTERNAL_B).getString("servers/s1"));
    }

    @Test
    void limitsFailTheSameWayOnBothTransports() throws Exception {
        PluginHost host = host(storage, IN_PROCESS_A, EXTERNAL_A);
        for (long id : new long[] {IN_PROCESS_A, EXTERNAL_A}) {
            EndpointResponse longKey = call(host, id, "PUT", "/put", "key=" + "k".repeat(257), "v");
            assertEquals(400, longKey.status());
            assertEquals("InvalidStoreKeyException: a store key may be at most 256 bytes in UTF-8; this one is "
                    + "257 bytes", body(longKey));
            EndpointResponse control = call(host, id, "GET", "/get", "key=" + enc("bad\nkey"), "");
            assertEquals("InvalidStoreKeyException: a store key must not contain control characters "
                    + "(U+000A at index 3)", body(control));
            EndpointResponse tooBig = call(host, id, "PUT", "/put", "key=big&size=" + (1 << 20 | 1), "");
            assertEquals(400, tooBig.status());
            assertEquals("StoreLimitExceededException: the value for key 'big' is 1048577 bytes; a store value "
                    + "may be at most 1048576 bytes", body(tooBig));
            assertEquals(204, call(host, id, "PUT", "/put", "key=big&size=" + (1 << 20), "").status(),
                    "exactly 1 MiB is fine");
            assertEquals(1 << 20, storage.forPlugin(id).get("big").orElseThrow().length);
        }
    }

    @Test
    void aHostWithoutStorageGivesPluginsAStoreThatSaysSoOnBothTransports() throws Exception {
        PluginHost host = host(PluginStorage.unavailable("plugin storage is only available on the control plane"),
                IN_PROCESS_A, EXTERNAL_A);
        for (long id : new long[] {IN_PROCESS_A, EXTERNAL_A}) {
            EndpointResponse put = call(host, id, "PUT", "/put", "key=k", "v");
            assertEquals(400, put.status());
            assertEquals("StoreUnavailableException: plugin storage is only available on the control plane",
                    body(put));
            assertEquals("StoreUnavailableException: plugin storage is only available on the control plane",
                    body(call(host, id, "GET", "/keys", "", "")));
        }
    }

    @Test
    void aReloadedExternalPluginKeepsItsKeysUnderANewTokenAndUnloadingRevokesIt() throws Exception {
        PluginHost host = host(storage, EXTERNAL_A);
        assertEquals(204, call(host, EXTERNAL_A, "PUT", "/put", "key=k", "before reload").status());
        assertEquals(1, hostServices.openSessions());
        host.reload(EXTERNAL_A);
        assertEquals(PluginState.RUNNING, host.status(EXTERNAL_A).orElseThrow().state());
        assertEquals("before reload", body(call(host, EXTERNAL_A, "GET", "/get", "key=k", "")));
        // the old generation is retired in the background: its token goes when it is closed
        org.awaitility.Awaitility.await("the old load's token revoked").atMost(Duration.ofSeconds(30))
                .until(() -> hostServices.openSessions() == 1);
        host.apply(List.of());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> hostServices.openSessions() == 0);
        assertFalse(hostServices.listening(), "nothing left to serve: the channel is closed");
    }

    private static EndpointResponse call(PluginHost host, long id, String method, String path, String query,
                                         String body) throws Exception {
        CustomEndpointHandler handler = host.entries().stream().filter(e -> e.spec().id() == id).findFirst()
                .orElseThrow().serving().endpointHandler();
        return handler.handleEndpointRequest(new Request("r", System.getLogger("test")),
                new EndpointRequest(method, "/plugins/store" + path, path, List.of(path.substring(1)), null,
                        body.getBytes(StandardCharsets.UTF_8), query, "127.0.0.1", "h", "http", null, false, null,
                        null));
    }

    private static String body(EndpointResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
