package io.aigw.studio.e2e;

import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.PluginJars;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An in-process plugin trying to end the process it shares with the gateway and the control plane:
 * the request fails with a 502 and everything else carries on. Were the call to get through, this
 * test JVM (the whole system) would end and the build would report a crashed fork.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InProcessPluginFaultTest {

    TestSystem system;
    AdminClient admin;
    Gateway gateway;

    @BeforeAll
    void start() throws Exception {
        system = TestSystem.start();
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

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void systemExitInAHandlerIsA502AndTheGatewayAndControlPlaneCarryOn() {
        EchoEndpointContract.assertJsonError(gateway.get("/plugins/bad/exit", null), 502);
        assertEquals("fine", gateway.get("/plugins/bad/ok", null).body(), "the next request is answered");
        assertEquals(200, admin.get("/api/v1/plugins").status(), "the control plane answers");
    }

    @Test
    void runtimeHaltInAHandlerIsA502AndTheGatewayCarriesOn() {
        EchoEndpointContract.assertJsonError(gateway.get("/plugins/bad/halt", null), 502);
        assertEquals("fine", gateway.get("/plugins/bad/ok", null).body(), "the next request is answered");
    }
}
