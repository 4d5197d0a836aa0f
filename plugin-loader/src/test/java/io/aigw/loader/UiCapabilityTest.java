package io.aigw.loader;

import io.aigw.loader.calls.CallLimits;
import io.aigw.loader.grpc.ExternalPluginSettings;
import io.aigw.loader.host.PluginFailedException;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.host.PluginSpec;
import io.aigw.loader.host.PluginState;
import io.aigw.loader.host.PluginTimeoutException;
import io.aigw.loader.host.PluginUnavailableException;
import io.aigw.loader.host.RestartPolicy;
import io.aigw.loader.testing.TestJars;
import io.aigw.loader.testing.plugins.UiPlugin;
import io.aigw.plugin.api.BasicRequestContext;
import io.aigw.plugin.api.ConfigProvider;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.UIProvider;
import io.aigw.plugin.api.UiAsset;
import io.aigw.plugin.api.UiCaller;
import io.aigw.plugin.api.UiRpcRefusedException;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.PluginServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The UI and config-schema capabilities through {@link PluginHost#call}, the same plugin as a jar
 * (found by the interfaces its class implements) and over gRPC (announced at Initialize, served by
 * the plugin-side runtime): assets (one larger than the gRPC message limit sized for HTTP bodies),
 * the manifest, RPC calls with the caller's identity, refusals that keep their reason, failures,
 * timeouts, and the config schema.
 */
class UiCapabilityTest {

    static final Duration CALL_LIMIT = Duration.ofSeconds(20);
    static final UiCaller ADMIN = new UiCaller(1, "admin@example.com", true);
    static final UiCaller USER = new UiCaller(42, "user@example.com", false);

    @TempDir
    Path tmp;

    @Test
    void assetsManifestRpcAndSchemaAsAJarAndOverGrpc() throws Exception {
        Path pluginsDir = Files.createDirectories(tmp.resolve("plugins"));
        TestJars.plugin(pluginsDir.resolve("ui.jar"), """
                {"id": "ui-test", "name": "UI test", "version": "1.0",
                 "capabilities": {"hooks": ["studio_ui"], "primary_hook": "studio_ui"}}
                """, UiPlugin.class);
        try (PluginServer server = PluginServer.start(new UiPlugin(), "1.0", Handshake.Network.TCP, null, 1 << 20,
                () -> { });
             LocalPluginHost plugins = LocalPluginHost.open(settings(pluginsDir))) {
            PluginHost host = plugins.host();
            host.apply(List.of(new PluginSpec(1, "ui-jar", "pf4j:ui-test", Map.of()),
                    new PluginSpec(2, "ui-grpc", "grpc://" + server.handshake().address(), Map.of())));
            for (long id : List.of(1L, 2L)) {
                String which = id == 1 ? "jar" : "grpc";
                assertEquals(PluginState.RUNNING, host.status(id).orElseThrow().state(), which);
                assertTrue(host.capability(id, UIProvider.class).isPresent(), which);
                assertTrue(host.capability(id, ConfigProvider.class).isPresent(), which);
                assertTrue(host.capability(id, CustomEndpointHandler.class).isEmpty(), which);

                UiAsset page = host.call(id, UIProvider.class, CALL_LIMIT, p -> p.getAsset("ui/page.js"));
                assertEquals("export const page = 1;\n", new String(page.content(), StandardCharsets.UTF_8), which);
                assertEquals("text/javascript", page.contentType(), which);
                UiAsset big = host.call(id, UIProvider.class, CALL_LIMIT, p -> p.getAsset("ui/big.png"));
                assertEquals(UiPlugin.BIG_ASSET_BYTES, big.content().length, which);
                assertEquals("", host.call(id, UIProvider.class, CALL_LIMIT, p -> p.getAsset("ui/untyped.css"))
                        .contentType(), which);
                assertNull(host.call(id, UIProvider.class, CALL_LIMIT, p -> p.getAsset("ui/none.js")), which);

                assertEquals(UiPlugin.MANIFEST, new String(host.call(id, UIProvider.class, CALL_LIMIT,
                        UIProvider::getManifest), StandardCharsets.UTF_8), which);
                assertEquals(UiPlugin.SCHEMA, new String(host.call(id, ConfigProvider.class, CALL_LIMIT,
                        ConfigProvider::getConfigSchema), StandardCharsets.UTF_8), which);

                String whoami = new String(host.call(id, UIProvider.class, CALL_LIMIT, p -> p.handleRpc(
                        BasicRequestContext.of("req-" + which, System.getLogger("test")), USER, "whoami",
                        "{\"q\":[1,2]}".getBytes(StandardCharsets.UTF_8))), StandardCharsets.UTF_8);
                assertEquals("{\"user_id\":42,\"email\":\"user@example.com\",\"is_admin\":false,\"payload\":{\"q\":[1,2]},"
                        + "\"request_id\":\"req-" + which + "\",\"own_loader\":true}", whoami, which);
                assertEquals("{\"ok\":true}", new String(host.call(id, UIProvider.class, CALL_LIMIT,
                        p -> p.handleRpc(context(), ADMIN, "admin", "null".getBytes(StandardCharsets.UTF_8))),
                        StandardCharsets.UTF_8), which);

                assertRefused(host, id, USER, "admin", UiRpcRefusedException.Reason.FORBIDDEN, "admins only");
                assertRefused(host, id, ADMIN, "bad", UiRpcRefusedException.Reason.INVALID, "'name' is required");
                assertRefused(host, id, ADMIN, "nope", UiRpcRefusedException.Reason.NOT_FOUND, "no method 'nope'");

                PluginFailedException failed = assertThrows(PluginFailedException.class, () -> host.call(id,
                        UIProvider.class, CALL_LIMIT, p -> p.handleRpc(context(), ADMIN, "boom", new byte[0])), which);
                assertFalse(failed.getCause() instanceof UiRpcRefusedException, which);
                PluginTimeoutException late = assertThrows(PluginTimeoutException.class, () -> host.call(id,
                        UIProvider.class, Duration.ofMillis(300), p -> p.handleRpc(context(), ADMIN, "slow",
                                new byte[0])), which);
                assertTrue(late.getMessage().contains("did not answer within 300 ms"), late.getMessage());
            }
        }
    }

    @Test
    void aPluginWithoutThemOffersNeither() throws Exception {
        CustomEndpointHandler endpointsOnly = () -> List.of(EndpointRegistration.builder("/*").build());
        try (PluginServer server = PluginServer.start(endpointsOnly, "1.0", Handshake.Network.TCP, null, 1 << 20,
                () -> { });
             LocalPluginHost plugins = LocalPluginHost.open(settings(Files.createDirectories(tmp.resolve("p"))))) {
            PluginHost host = plugins.host();
            host.apply(List.of(new PluginSpec(3, "endpoints", "grpc://" + server.handshake().address(), Map.of())));
            assertTrue(host.capability(3, UIProvider.class).isEmpty());
            assertTrue(host.capability(3, ConfigProvider.class).isEmpty());
            PluginUnavailableException none = assertThrows(PluginUnavailableException.class,
                    () -> host.call(3, UIProvider.class, CALL_LIMIT, UIProvider::getManifest));
            assertTrue(none.getMessage().contains("has no UIProvider capability"), none.getMessage());
        }
    }

    private static void assertRefused(PluginHost host, long id, UiCaller caller, String method,
                                      UiRpcRefusedException.Reason reason, String message) {
        PluginFailedException e = assertThrows(PluginFailedException.class, () -> host.call(id, UIProvider.class,
                CALL_LIMIT, p -> p.handleRpc(context(), caller, method, "{}".getBytes(StandardCharsets.UTF_8))));
        UiRpcRefusedException refused = assertInstanceOf(UiRpcRefusedException.class, e.getCause(), method);
        assertEquals(reason, refused.reason(), method);
        assertEquals(message, refused.getMessage(), method);
    }

    private static BasicRequestContext context() {
        return BasicRequestContext.of("test", System.getLogger("test"));
    }

    private PluginHostSettings settings(Path pluginsDir) {
        return new PluginHostSettings(pluginsDir, Duration.ofHours(1), tmp.resolve("staging"),
                ExternalPluginSettings.defaults(Duration.ofSeconds(20), Duration.ofSeconds(20), 1 << 20),
                Duration.ofSeconds(60), Duration.ofSeconds(5), RestartPolicy.DEFAULT, CallLimits.DEFAULT);
    }
}
