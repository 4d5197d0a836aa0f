package io.aigw.loader.grpc;

import io.aigw.loader.host.LoadedPlugin;
import io.aigw.loader.host.PluginSpec;
import io.aigw.plugin.api.BasicPluginContext;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourceSelectionRejectedException;
import io.aigw.plugin.api.ResourceTypeRegistration;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.PluginServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The five Resource Provider calls of seed 003, over gRPC to a plugin reached as grpc://host:port. */
class ResourceProviderOverGrpcTest {

    /** An MCP server registry with two servers; at most two per App. */
    static final class Registry implements ResourceProvider {
        @Override
        public List<ResourceTypeRegistration> getResourceTypeRegistrations() {
            return List.of(new ResourceTypeRegistration("mcp_servers", "MCP Servers", "tool access", "Hub", true,
                    true, null));
        }

        @Override
        public List<ResourceInstance> listResourceInstances(RequestContext context, String slug) {
            return List.of(new ResourceInstance("s1", "One", "", 40, "{\"url\":\"x\"}", true),
                    new ResourceInstance("s2", "Two", "", 90, "", false));
        }

        @Override
        public ResourceInstance getResourceInstance(RequestContext context, String slug, String id) {
            return listResourceInstances(context, slug).stream().filter(i -> i.id().equals(id)).findFirst()
                    .orElse(null);
        }

        @Override
        public void validateResourceSelection(RequestContext context, String slug, List<String> ids, long appId)
                throws ResourceSelectionRejectedException {
            if (ids.size() > 2) {
                throw new ResourceSelectionRejectedException("maximum 2 MCP servers per app (app " + appId + ")");
            }
        }

        @Override
        public ResourceInstance createResourceInstance(RequestContext context, String slug, byte[] payload) {
            return new ResourceInstance("s3", new String(payload, StandardCharsets.UTF_8), "", 10, "", true);
        }
    }

    @Test
    void everyResourceProviderCallRoundTrips() throws Exception {
        try (PluginServer server = PluginServer.start(new Registry(), "2.0", Handshake.Network.TCP, null, 1 << 20,
                () -> { })) {
            ExternalPluginLauncher launcher = new ExternalPluginLauncher(
                    ExternalPluginSettings.defaults(Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 20));
            LoadedPlugin loaded = launcher.launch(new PluginSpec(1, "registry", "grpc://"
                    + server.handshake().address(), Map.of()));
            try {
                loaded.plugin().initialize(BasicPluginContext.named("registry"), Map.of());
                assertEquals("2.0", loaded.version());
                // announced resource_provider only: no endpoint capability, so the host asks for no routes
                assertTrue(loaded.capabilities().get(io.aigw.plugin.api.CustomEndpointHandler.class).isEmpty(),
                        loaded.capabilities().toString());
                ResourceProvider registry = loaded.capabilities().get(ResourceProvider.class).orElseThrow();
                ResourceTypeRegistration type = registry.getResourceTypeRegistrations().getFirst();
                assertEquals("mcp_servers", type.slug());
                assertTrue(type.hasPrivacyScore() && type.supportsSubmissions());
                assertNull(type.formComponent());
                List<ResourceInstance> all = registry.listResourceInstances(null, "mcp_servers");
                assertEquals(List.of("s1", "s2"), all.stream().map(ResourceInstance::id).toList());
                assertEquals("{\"url\":\"x\"}", all.getFirst().metadata());
                assertEquals(90, registry.getResourceInstance(null, "mcp_servers", "s2").privacyScore());
                assertNull(registry.getResourceInstance(null, "mcp_servers", "nope"));
                registry.validateResourceSelection(null, "mcp_servers", List.of("s1", "s2"), 7);
                var rejected = assertThrows(ResourceSelectionRejectedException.class, () -> registry
                        .validateResourceSelection(null, "mcp_servers", List.of("s1", "s2", "s3"), 7));
                assertEquals("maximum 2 MCP servers per app (app 7)", rejected.getMessage());
                assertEquals("Three", registry.createResourceInstance(null, "mcp_servers",
                        "Three".getBytes(StandardCharsets.UTF_8)).name());
            } finally {
                loaded.close();
            }
        }
    }
}
