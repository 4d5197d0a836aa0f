package io.aigw.studio.e2e;

import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.PluginJars;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An in-process plugin trying to end the process it shares with the gateway and the control plane:
 * the request fails with a 502 and everything else carries on. Were the call to get through, this
 * test JVM (the whole system) would end and the build would report a crashed fork.
 */
@ExtendWith(SystemExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InProcessPluginFaultTest {

    TestSystem system;
    AdminClient admin;
    Gateway gateway;

    @BeforeAll
    void start(Systems systems) throws Exception {
        system = systems.start();
        admin = system.admin();
        gateway = new Gateway(system.gatewayBase());
        Path jar = PluginJars.ofClass(system.pluginsDir().getParent().resolve("misbehaving.jar"), """
                {"id": "misbehaving", "name": "Misbehaving", "version": "3.1.4",
                 "capabilities": {"hooks": ["custom_endpoint"], "primary_hook": "custom_endpoint"},
                 "default_config": {"slug": "bad"}}
                """, MisbehavingPlugin.class);
        system.dropPlugin(jar, "misbehaving.jar");
        assertTrue(TestSystem.await(Duration.ofSeconds(30),
                () -> gateway.get("/plugins/bad/ok", null).statusCode() == 200), "misbehaving plugin serves");
    }

    @Test
    void systemExitInAHandlerIsA502AndTheGatewayAndControlPlaneCarryOn() {
        EchoEndpointContract.assertJsonError(gateway.get("/plugins/bad/exit", null), 502);
        assertEquals("fine", gateway.get("/plugins/bad/ok", null).body(), "the next request is answered");
        assertEquals(200, admin.get("/api/v1/plugins").status(), "the control plane answers");
    }

    @Test
    void anErrorThrownByAHandlerIsAJson502LikeAnyFailure() {
        var unary = gateway.get("/plugins/bad/oom", null);
        EchoEndpointContract.assertJsonError(unary, 502);
        assertTrue(unary.headers().firstValue("X-Request-ID").isPresent());
        assertFalse(unary.body().contains("heap"), "no internal detail: " + unary.body());
        EchoEndpointContract.assertJsonError(gateway.get("/plugins/bad/stream/oom", null), 502);
        assertEquals("fine", gateway.get("/plugins/bad/ok", null).body(), "the next request is answered");
    }

    @Test
    void aPluginSpinningInInitializeHoldsUpNoUnrelatedWrite() throws Exception {
        Path flag = Files.createTempFile("spin", ".flag");
        try {
            // registering it waits for its start, which spins (up to PLUGIN_INIT_TIMEOUT, 30 s)
            CompletableFuture<HttpResult> stuck = CompletableFuture.supplyAsync(() -> admin.post("/api/v1/plugins",
                    Map.of("name", "stuck", "command", "pf4j:misbehaving", "hook_type", "custom_endpoint",
                            "config", Map.of("slug", "stuck", "spin_while_exists", flag.toString()),
                            "is_active", true)));
            assertTrue(TestSystem.await(Duration.ofSeconds(20), () -> admin.get("/api/v1/plugins").body()
                    .contains("\"stuck\"")), "the stuck plugin is registered");
            // Unrelated writes while it spins: each would have waited for it before.
            HttpClient client = HttpClient.newHttpClient();
            long app = admin.post("/api/v1/apps", Map.of("name", "while-stuck")).id();
            long credential = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).id();
            HttpRequest revoke = HttpRequest.newBuilder(system.apiBase().resolve("/api/v1/apps/" + app
                            + "/credentials/" + credential)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + system.adminKey()).DELETE().build();
            int status = client.send(revoke, HttpResponse.BodyHandlers.ofString()).statusCode();
            assertTrue(status == 204 || status == 200, "revoked while another plugin spins: " + status);
            HttpRequest patch = HttpRequest.newBuilder(system.apiBase().resolve("/api/v1/apps/" + app))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + system.adminKey())
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"description\":\"patched\"}")).build();
            assertEquals(200, client.send(patch, HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals("fine", gateway.get("/plugins/bad/ok", null).body(), "other plugins serve meanwhile");
            Files.delete(flag);
            assertEquals(201, stuck.get(60, TimeUnit.SECONDS).status());
        } finally {
            Files.deleteIfExists(flag);
        }
    }

    @Test
    void runtimeHaltInAHandlerIsA502AndTheGatewayCarriesOn() {
        EchoEndpointContract.assertJsonError(gateway.get("/plugins/bad/halt", null), 502);
        assertEquals("fine", gateway.get("/plugins/bad/ok", null).body(), "the next request is answered");
    }
}
