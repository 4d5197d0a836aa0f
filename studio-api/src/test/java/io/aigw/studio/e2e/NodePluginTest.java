package io.aigw.studio.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.aigw.studio.e2e.EchoEndpointContract.JSON;
import static io.aigw.studio.e2e.EchoEndpointContract.headerValues;
import static io.aigw.studio.e2e.EchoEndpointContract.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plugin written in another language, through the real gateway: {@code plugins/node-echo}, Node.js
 * with @grpc/grpc-js and the proto loaded at run time, registered as a {@code file://} binary. It
 * holds the external contract to what docs/plugin-protocol.md promises an author in any language:
 * the handshake on a Unix socket, unary calls, multi-valued headers, streaming, cancellation, and
 * Shutdown only after the streams in flight have finished.
 */
@ExtendWith(SystemExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodePluginTest {

    static final Path NODE_LAUNCHER = Path.of(System.getProperty("node.echo.launcher")).toAbsolutePath().normalize();

    TestSystem system;
    AdminClient admin;
    Gateway gateway;
    String token;
    long pluginId;
    Path work;

    @BeforeAll
    void start(Systems systems) throws IOException {
        work = Files.createTempDirectory("aigw-node-plugin-");
        system = systems.start();
        admin = system.admin();
        gateway = new Gateway(system.gatewayBase());
        pluginId = register(admin, "node-echo", Map.of("slug", "node-echo", "custom_content", "hello from node"));
        assertTrue(TestSystem.await(Duration.ofSeconds(30),
                () -> gateway.get("/plugins/node-echo/public", null).statusCode() == 200),
                () -> "the Node plugin is served: " + admin.get("/api/v1/plugins/" + pluginId).json());
        long appId = admin.post("/api/v1/apps", Map.of("name", "node-app", "owner_email", "dev@example.com",
                "metadata", Map.of("tier", "gold"))).id();
        token = admin.post("/api/v1/apps/" + appId + "/credentials", Map.of("scopes", List.of("node:read")))
                .json().path("token").asText();
    }

    @AfterAll
    void stop() throws IOException {
        try (var files = Files.walk(work)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static long register(AdminClient admin, String name, Map<String, String> config) {
        var created = admin.post("/api/v1/plugins", Map.of("name", name, "command", "file://" + NODE_LAUNCHER,
                "hook_type", "custom_endpoint", "hook_types", List.of("custom_endpoint"), "config", config,
                "is_active", true));
        assertEquals(201, created.status(), created.toString());
        return created.id();
    }

    @Test
    void theGatewayReachesItOnAUnixSocketAndShowsItsProcessAndManifest() {
        JsonNode stats = json(gateway.get("/plugins/node-echo/stats", null));
        assertTrue(stats.path("listening_on").asText().startsWith("unix "), stats.toString());
        JsonNode plugin = admin.get("/api/v1/plugins/" + pluginId).json();
        assertEquals("running", plugin.path("status").path("state").asText(), plugin.toString());
        assertEquals("1.0.0", plugin.path("status").path("version").asText(), "the version Initialize reported");
        assertTrue(plugin.path("status").path("pid").asLong() > 0, plugin.toString());
        assertEquals("io.aigw.examples.node-echo", plugin.path("manifest").path("id").asText(),
                "the manifest beside the binary: " + plugin);
        assertEquals("hello from node", gateway.get("/plugins/node-echo/public", null).body());
    }

    @Test
    void unaryRequestsArriveWhole() {
        HttpResponse<String> r = gateway.send(gateway.request("/plugins/node-echo/users/7?a=1&b=two")
                .header("Authorization", "Bearer " + token)
                .header("X-Multi", "first").header("X-Multi", "second")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode echo = json(r);
        assertEquals("node-echo", echo.path("plugin").asText());
        assertEquals("POST", echo.path("method").asText());
        assertEquals("/plugins/node-echo/users/7", echo.path("path").asText());
        assertEquals("/users/7", echo.path("relative_path").asText());
        assertEquals(List.of("users", "7"), JSON.convertValue(echo.path("path_segments"), List.class));
        assertEquals("a=1&b=two", echo.path("query_string").asText());
        assertEquals(5, echo.path("body_size").asInt());
        assertEquals("127.0.0.1", echo.path("remote_addr").asText());
        assertEquals("http", echo.path("protocol").asText());
        assertTrue(echo.path("authenticated").asBoolean());
        assertEquals("node-app", echo.path("app").path("name").asText());
        assertEquals("gold", echo.path("app").path("metadata").path("tier").asText());
        assertEquals(List.of("node:read"), JSON.convertValue(echo.path("scopes"), List.class));
        assertEquals(r.headers().firstValue("X-Request-ID").orElseThrow(), echo.path("request_id").asText());
        assertEquals(List.of("first", "second"), headerValues(echo, "X-Multi"), "multi-valued request header");
        assertTrue(headerValues(echo, "Authorization").isEmpty(), "the consumed token is not passed on");
    }

    @Test
    void multiValuedResponseHeadersStayApart() {
        HttpResponse<String> r = gateway.get("/plugins/node-echo/x?set_cookie=a%3D1&set_cookie=b%3D2", token);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of("a=1", "b=2"), r.headers().allValues("Set-Cookie"));
    }

    @Test
    void sseEventsArriveOneByOneBeforeTheStreamEnds() throws Exception {
        HttpResponse<InputStream> r = gateway.stream("/plugins/node-echo/stream?count=4&interval_ms=500", token);
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
        List<Gateway.Event> events = Gateway.readEvents(r.body());
        assertEquals(4, events.size(), events.toString());
        // streamed, not buffered: the first event was in before the plugin sent the last (1.5 s later)
        long firstArrival = events.getFirst().arrivedAtMs();
        long lastSent = JSON.readTree(events.getLast().data()).path("sent_at_ms").asLong();
        assertTrue(firstArrival < lastSent,
                "the first event arrived " + (firstArrival - lastSent) + " ms after the last was sent");
    }

    @Test
    void aClientGoingAwayCancelsTheStreamInThePlugin() throws Exception {
        long before = json(gateway.get("/plugins/node-echo/stats", null)).path("streams_cancelled").asLong();
        // the plugin's next send is 60 s away: only the gateway can tell it sooner that the client left
        gateway.readFirstEventAndHangUp("/plugins/node-echo/stream?count=100&interval_ms=60000", token);
        assertTrue(TestSystem.await(Duration.ofSeconds(30), () -> json(gateway.get("/plugins/node-echo/stats", null))
                .path("streams_cancelled").asLong() > before), "the plugin saw its call cancelled");
    }

    /**
     * A stop of the gateway lets the stream in flight finish, and only then sends the plugin Shutdown;
     * the plugin then exits. (Before, the stream was cut within half a second and Shutdown followed.)
     */
    @Test
    void stoppingTheGatewayFinishesTheStreamInFlightBeforeShuttingThePluginDown(Systems systems) throws Exception {
        Path events = work.resolve("lifecycle.log");
        try (TestSystem own = systems.start()) {
            long id = register(own.admin(), "node-stop", Map.of("slug", "node-stop", "events_file", events.toString()));
            Gateway ownGateway = new Gateway(own.gatewayBase());
            assertTrue(TestSystem.await(Duration.ofSeconds(30),
                    () -> ownGateway.get("/plugins/node-stop/public", null).statusCode() == 200), "served");
            long pid = own.admin().get("/api/v1/plugins/" + id).json().path("status").path("pid").asLong();
            ProcessHandle plugin = ProcessHandle.of(pid).orElseThrow();
            long appId = own.admin().post("/api/v1/apps", Map.of("name", "a", "owner_email", "a@example.com")).id();
            String ownToken = own.admin().post("/api/v1/apps/" + appId + "/credentials", Map.of()).json()
                    .path("token").asText();

            HttpResponse<InputStream> r = ownGateway.stream("/plugins/node-stop/stream?count=6&interval_ms=400",
                    ownToken);
            assertEquals(200, r.statusCode(), "headers are in: the stream is in flight");
            CompletableFuture<List<Gateway.Event>> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return Gateway.readEvents(r.body());
                } catch (IOException e) {
                    throw new IllegalStateException("the stream was cut: " + e, e);
                }
            });
            own.stopStudio();   // what SIGTERM runs

            assertEquals(6, read.get(20, TimeUnit.SECONDS).size(), "every event reached the client");
            plugin.onExit().get(30, TimeUnit.SECONDS);
            List<String> lifecycle = Files.readAllLines(events).stream().map(l -> l.substring(l.indexOf(' ') + 1))
                    .toList();
            assertEquals(List.of("initialize", "stream-done", "shutdown"), lifecycle,
                    "Shutdown came after the stream finished");
        }
    }
}
