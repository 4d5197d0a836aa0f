package io.aigw.studio.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.loader.host.PluginHost;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.PluginJars;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plugin that is only a Resource Provider, dropped into the plugins directory: the control
 * plane registers and loads it, the gateway gives it no routes (and reports no problem), and the
 * control plane reaches its provider through the plugin host it shares with the gateway.
 */
class ResourceProviderPluginTest {

    static final String COMMAND = "pf4j:mcp-registry";
    static TestSystem system;
    static AdminClient admin;

    @BeforeAll
    static void start() throws Exception {
        system = TestSystem.start();
        admin = system.admin();
        system.installEcho();
        Path jar = PluginJars.ofClass(system.dataDir().resolveSibling("registry.jar"), """
                {"id": "mcp-registry", "name": "MCP Registry", "version": "1.2.0",
                 "capabilities": {"hooks": ["resource_provider"], "primary_hook": "resource_provider"},
                 "default_config": {"slug": "registry"}}
                """, RegistryPlugin.class);
        system.dropPlugin(jar, "registry.jar");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    static long registryId() {
        for (JsonNode p : admin.get("/api/v1/plugins").json()) {
            if (p.path("command").asText().equals(COMMAND)) {
                return p.path("id").asLong();
            }
        }
        return -1;
    }

    @Test
    void isLoadedWithoutRoutesAndItsProviderAnswersTheControlPlane() {
        assertTrue(TestSystem.await(Duration.ofSeconds(30), () -> registryId() > 0), "registered from its manifest");
        long id = registryId();
        assertTrue(TestSystem.await(Duration.ofSeconds(30), () -> "running".equals(
                admin.get("/api/v1/plugins/" + id).json().path("status").path("state").asText())), "loaded");

        JsonNode plugin = admin.get("/api/v1/plugins/" + id).json();
        assertEquals("resource_provider", plugin.path("hook_type").asText(), plugin.toString());
        JsonNode status = plugin.path("status");
        assertEquals("1.2.0", status.path("version").asText(), status.toString());
        assertTrue(status.path("error").isNull() || status.path("error").isMissingNode(), "no problem: " + status);
        assertEquals(0, status.path("endpoints").size(), status.toString());
        assertTrue(status.path("slug").isNull() || status.path("slug").isMissingNode(), status.toString());
        assertEquals(404, system.gatewayGet("/plugins/registry/anything", null).status(),
                "no slug is held for a plugin without endpoints");
        assertEquals(200, system.gatewayGet("/plugins/echo/public", null).status(), "endpoint plugins still routed");

        PluginHost host = system.studio().pluginHost();
        assertTrue(host.capability(id, CustomEndpointHandler.class).isEmpty());
        ResourceInstance instance = host.call(id, ResourceProvider.class, Duration.ofSeconds(30),
                p -> p.listResourceInstances(null, "mcp_servers")).getFirst();
        assertEquals("s1", instance.id());
        assertTrue(instance.name().startsWith("MCP Registry-"), "ran on the plugin's own thread: " + instance.name());
    }
}
