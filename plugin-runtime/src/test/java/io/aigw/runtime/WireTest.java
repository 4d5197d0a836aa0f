package io.aigw.runtime;

import io.aigw.plugin.api.App;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.plugin.api.ResourceInstance;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The App a request carries reaches an external plugin as the gateway had it, plugin resources included. */
class WireTest {

    private static final String METADATA = "{\"url\": \"https://a.example/mcp\", \"label\": \"Zürich ✓\"}";

    static App app() {
        return new App(12, "rag", "retrieval", "ops@example.com", true, 9.5, 60, Map.of("tier", "gold"), List.of(
                new PluginResourceAssociation(4, "mcp_servers", List.of("a", "b"), List.of(
                        new ResourceInstance("a", "Server A", "docs", 30, METADATA, true),
                        new ResourceInstance("b", "Server B", "", 0, "", false))),
                new PluginResourceAssociation(5, "notes", List.of("n1"), List.of(
                        new ResourceInstance("n1", "Notes", "", 95, "", true)))));
    }

    @Test
    void appWithPluginResourcesRoundTripsThroughTheProto() throws Exception {
        App app = app();
        byte[] bytes = Wire.app(app).toByteArray();
        io.aigw.runtime.proto.App parsed = io.aigw.runtime.proto.App.parseFrom(bytes);
        assertEquals(2, parsed.getPluginResourcesCount());
        assertEquals(METADATA, parsed.getPluginResources(0).getInstances(0).getMetadata()
                .toString(StandardCharsets.UTF_8), "metadata travels as the provider's UTF-8 JSON bytes");
        assertEquals(app, Wire.app(parsed));
    }

    @Test
    void requestCarriesTheApp() throws Exception {
        EndpointRequest request = new EndpointRequest("GET", "/plugins/echo/x", "/x", List.of("x"), null, null, null,
                null, null, null, null, true, app(), List.of("read"));
        EndpointRequest back = Wire.request(io.aigw.runtime.proto.EndpointRequest.parseFrom(
                Wire.request(request).toByteArray()));
        assertEquals(app(), back.app());
        assertEquals(List.of("read"), back.scopes());

        EndpointRequest anonymous = new EndpointRequest("GET", "/p", "/", List.of(), null, null, null, null, null,
                null, null, false, null, List.of());
        assertNull(Wire.request(Wire.request(anonymous)).app());
    }
}
