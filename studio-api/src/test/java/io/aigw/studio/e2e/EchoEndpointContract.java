package io.aigw.studio.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.KeepAliveConnection;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a client of {@code /plugins/echo/...} sees, whichever way the echo plugin is run. Each
 * transport supplies a subclass that gets the echo plugin served under the slug {@code echo}.
 */
@ExtendWith(SystemExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EchoEndpointContract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> LIMITS = Map.of(
            "PLUGIN_ENDPOINT_UNARY_TIMEOUT", "2s",
            "PLUGIN_ENDPOINT_STREAM_TIMEOUT", "4s");

    TestSystem system;
    AdminClient admin;
    Gateway gateway;
    String token;
    long appId;

    /** Makes the echo plugin serve {@code /plugins/echo/...} in {@code system}. */
    abstract void installEcho(TestSystem system) throws Exception;

    @BeforeAll
    void startSystem(Systems systems) throws Exception {
        system = systems.start(LIMITS);
        admin = system.admin();
        gateway = new Gateway(system.gatewayBase());
        installEcho(system);
        assertTrue(TestSystem.await(Duration.ofSeconds(30),
                () -> gateway.get("/plugins/echo/public", null).statusCode() == 200), "echo is served");
        appId = admin.post("/api/v1/apps", Map.of("name", "contract-app", "owner_email", "dev@example.com",
                "metadata", Map.of("mcp_access", "allowed"))).id();
        token = admin.post("/api/v1/apps/" + appId + "/credentials", Map.of("scopes", List.of("echo:read")))
                .json().path("token").asText();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static void assertJsonError(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(json(r).path("error").isTextual(), "JSON error body: " + r.body());
        assertTrue(r.headers().firstValue("X-Request-ID").isPresent(), "X-Request-ID on every answer");
    }

    @Test
    void unaryRequestReachesThePluginMappedAsTheSeedDescribes() {
        HttpResponse<String> r = gateway.send(gateway.request("/plugins/echo/users/123/profile?a=1&b=two")
                .header("Authorization", "Bearer " + token)
                .header("X-Multi", "first").header("X-Multi", "second")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode echo = json(r);
        assertEquals("POST", echo.path("method").asText());
        assertEquals("/plugins/echo/users/123/profile", echo.path("path").asText());
        assertEquals("/users/123/profile", echo.path("relative_path").asText());
        assertEquals(List.of("users", "123", "profile"), JSON.convertValue(echo.path("path_segments"), List.class));
        assertEquals("a=1&b=two", echo.path("query_string").asText());
        assertEquals(5, echo.path("body_size").asInt());
        assertEquals("127.0.0.1", echo.path("remote_addr").asText());
        assertTrue(echo.path("host").asText().startsWith("127.0.0.1:"));
        assertEquals("http", echo.path("protocol").asText());
        assertTrue(echo.path("authenticated").asBoolean());
        assertEquals("contract-app", echo.path("app").path("name").asText());
        assertEquals("allowed", echo.path("app").path("metadata").path("mcp_access").asText());
        assertEquals(List.of("echo:read"), JSON.convertValue(echo.path("scopes"), List.class));
        assertEquals(r.headers().firstValue("X-Request-ID").orElseThrow(), echo.path("request_id").asText());
        assertEquals(List.of("first", "second"), headerValues(echo, "X-Multi"), "multi-valued request header");
    }

    @Test
    void theConsumedTokenIsNotForwardedToThePlugin() {
        JsonNode viaHeader = json(gateway.get("/plugins/echo/x", token));
        assertTrue(headerValues(viaHeader, "Authorization").isEmpty(), viaHeader.toString());
        JsonNode viaQuery = json(gateway.get("/plugins/echo/x?a=1&token=" + token + "&b=2", null));
        assertTrue(viaQuery.path("authenticated").asBoolean());
        assertEquals("a=1&b=2", viaQuery.path("query_string").asText());
    }

    @Test
    void twoSetCookieHeadersReachTheClient() {
        HttpResponse<String> r = gateway.get("/plugins/echo/x?set_cookie=a%3D1&set_cookie=b%3D2", token);
        assertEquals(List.of("a=1", "b=2"), r.headers().allValues("Set-Cookie"));
    }

    @Test
    void exactRoutesWinOverTheCatchAll() {
        HttpResponse<String> exact = gateway.get("/plugins/echo/public", null);
        assertEquals(200, exact.statusCode());
        assertEquals("Hello from the echo plugin", exact.body());
        // POST /public and GET /public/x have no exact route: they fall to the /* catch-all, which wants a token
        assertJsonError(gateway.send(gateway.request("/plugins/echo/public").POST(HttpRequest.BodyPublishers.noBody())), 401);
        assertJsonError(gateway.get("/plugins/echo/public/x", null), 401);
        assertEquals(200, gateway.get("/plugins/echo/public/x", token).statusCode());
    }

    @Test
    void authFailuresAre401() {
        HttpResponse<String> missing = gateway.get("/plugins/echo/x", null);
        assertJsonError(missing, 401);
        assertEquals("Bearer", missing.headers().firstValue("WWW-Authenticate").orElse(""));
        assertJsonError(gateway.get("/plugins/echo/x", "aigw_not-a-real-token"), 401);
    }

    @Test
    void unknownSlugAndUnknownRouteAre404() {
        assertJsonError(gateway.get("/plugins/no-such-plugin/x", token), 404);
        assertJsonError(gateway.send(gateway.request("/plugins/echo/x").header("Authorization", "Bearer " + token)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())), 404);
    }

    @Test
    void methodsOutsideTheSevenAre405() {
        assertJsonError(gateway.send(gateway.request("/plugins/echo/x")
                .method("TRACE", HttpRequest.BodyPublishers.noBody())), 405);
    }

    @Test
    void traversalIs400EvenWhenPercentEncoded() throws IOException {
        assertJsonError(gateway.get("/plugins/echo/%2e%2e/x", token), 400);
        assertJsonError(gateway.get("/plugins/echo/a/%2E%2E/%2e%2e/x", token), 400);
        // a literal ".." the client does not normalise away
        String raw = rawRequest("GET /plugins/echo/a/../x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
    }

    @Test
    void bodyOverTheLimitIs413NamingTheLimit() {
        byte[] body = new byte[1024 * 1024 + 1];
        HttpResponse<String> r = gateway.send(gateway.request("/plugins/echo/upload")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertJsonError(r, 413);
        assertTrue(json(r).path("error").asText().contains("1048576"), r.body());
        HttpResponse<String> atLimit = gateway.send(gateway.request("/plugins/echo/upload")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024 * 1024])));
        assertEquals(1024 * 1024, json(atLimit).path("body_size").asInt());
    }

    @Test
    void aPluginThatThrowsIs502WithoutInternalDetail() {
        HttpResponse<String> r = gateway.get("/plugins/echo/x?fail=1", token);
        assertJsonError(r, 502);
        assertFalse(r.body().contains("must not reach the client"), r.body());
        assertFalse(r.body().contains("Exception"), r.body());
    }

    @Test
    void aPluginSlowerThanTheUnaryLimitIs504() {
        // the plugin would answer 200 after 5 s: a 504 means the 2 s limit answered first
        assertJsonError(gateway.get("/plugins/echo/x?sleep_ms=5000", token), 504);
    }

    @Test
    void cpuBoundPluginCallsLeaveTheControlPlaneAndTheGatewayAnswering() throws Exception {
        // More spinners than this machine has cores: run on the servers' own carriers they would
        // stall both HTTP servers until they end (8 s).
        int spinners = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
        List<CompletableFuture<HttpResponse<String>>> spinning = new ArrayList<>();
        for (int i = 0; i < spinners; i++) {
            spinning.add(Gateway.HTTP.sendAsync(gateway.request("/plugins/echo/x?busy_ms=8000")
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(500); // let them reach the plugin
        HttpRequest health = HttpRequest.newBuilder(system.apiBase().resolve("/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        assertEquals(200, Gateway.HTTP.send(health, HttpResponse.BodyHandlers.ofString()).statusCode(),
                "the control plane answers while the plugin burns CPU");
        HttpResponse<String> gatewayOwn = Gateway.HTTP.send(gateway.request("/not-a-plugin-path")
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, gatewayOwn.statusCode(), "the gateway answers while the plugin burns CPU");
        for (CompletableFuture<HttpResponse<String>> call : spinning) {
            assertJsonError(call.get(60, TimeUnit.SECONDS), 504);
        }
    }

    @Test
    void timeoutsInARowOnOneKeepAliveConnectionAreEach504AndLeaveItClean() throws Exception {
        try (KeepAliveConnection connection = new KeepAliveConnection("127.0.0.1", system.gatewayBase().getPort())) {
            for (int i = 0; i < 4; i++) {
                // the plugin answers after 3 s, deaf to interruption: its late answer lands while the
                // connection's next request runs, and must not leak into it (1 s of slack for a late timer)
                KeepAliveConnection.Response r = connection.get("/plugins/echo/x?busy_ms=3000", token);
                assertEquals(504, r.status(), "timeout " + i + ": " + r.body());
                assertTrue(r.headers().get("content-type").startsWith("application/json"), r.headers().toString());
                assertTrue(JSON.readTree(r.body()).path("error").asText().contains("did not answer"), r.body());
            }
            KeepAliveConnection.Response next = connection.get("/plugins/echo/public", null);
            assertEquals(200, next.status(), next.body());
            assertEquals("Hello from the echo plugin", next.body());
        }
    }

    @Test
    void theClientGets504OnTimeEvenFromAPluginThatIgnoresInterruption() {
        // the plugin spins 4 s, deaf to interruption, then answers 200: a 504 means the limit won
        assertJsonError(gateway.get("/plugins/echo/x?busy_ms=4000", token), 504);
        assertEquals(200, gateway.get("/plugins/echo/x", token).statusCode(), "the gateway keeps serving");
    }

    @Test
    void callerRequestIdIsKept() {
        HttpResponse<String> r = gateway.send(gateway.request("/plugins/echo/x")
                .header("Authorization", "Bearer " + token).header("X-Request-ID", "trace-abc.123"));
        assertEquals("trace-abc.123", r.headers().firstValue("X-Request-ID").orElseThrow());
        assertEquals("trace-abc.123", json(r).path("request_id").asText());
    }

    @Test
    void sseEventsArriveOneByOneBeforeTheStreamEnds() throws Exception {
        HttpResponse<InputStream> r = gateway.stream("/plugins/echo/stream?count=5&interval_ms=500", token);
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.headers().firstValue("X-Request-ID").isPresent());
        List<Gateway.Event> events = Gateway.readEvents(r.body());
        assertEquals(5, events.size());
        // Streamed, not buffered: the client had the first event before the plugin sent the last one
        // (2 s later). How quickly each event arrives is bench/'s business, not a CI box's.
        long firstArrival = events.getFirst().arrivedAtMs();
        long lastSent = JSON.readTree(events.getLast().data()).path("sent_at_ms").asLong();
        assertTrue(firstArrival < lastSent,
                "the first event arrived " + (firstArrival - lastSent) + " ms after the last was sent");
        for (int i = 1; i < events.size(); i++) {
            assertTrue(JSON.readTree(events.get(i).data()).path("sent_at_ms").asLong()
                    >= JSON.readTree(events.get(i - 1).data()).path("sent_at_ms").asLong(), "in the order sent");
        }
    }

    @Test
    void streamErrorBeforeHeadersIs502() {
        assertJsonError(gateway.get("/plugins/echo/stream?count=3&interval_ms=10&error_after=0", token), 502);
    }

    @Test
    void streamErrorAfterHeadersCutsTheResponse() throws Exception {
        HttpResponse<InputStream> r = gateway.stream("/plugins/echo/stream?count=5&interval_ms=50&error_after=2",
                token);
        assertEquals(200, r.statusCode());
        assertThrows(IOException.class, () -> Gateway.readEvents(r.body()), "not a clean end of the response");
    }

    @Test
    void streamsEndAtTheTotalTimeLimit() throws Exception {
        long start = System.nanoTime();
        // would run 100 s: only the 4 s limit can end it early
        HttpResponse<InputStream> r = gateway.stream("/plugins/echo/stream?count=1000&interval_ms=100", token);
        assertEquals(200, r.statusCode());
        assertThrows(IOException.class, () -> Gateway.readEvents(r.body()), "cut, not ended cleanly");
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(ms >= 4000, "not before the 4s limit: cut after " + ms + " ms");
        assertTrue(ms < 60_000, "cut by the limit, long before the plugin's 100 s: after " + ms + " ms");
        assertJsonError(gateway.get("/plugins/echo/stream?headers_after_ms=6000", token), 504);
    }

    @Test
    void clientDisconnectCancelsTheQuietPluginBeforeItsNextSend() throws Exception {
        long cancelledBefore = stats().path("streams_cancelled").asLong();
        // the plugin's next send is 60 s away: a cancellation sooner can only come from the gateway
        // noticing the vanished client (heartbeats) and telling the plugin
        gateway.readFirstEventAndHangUp("/plugins/echo/stream?count=100&interval_ms=60000", token);
        long disconnectedAt = System.currentTimeMillis();
        assertTrue(TestSystem.await(Duration.ofSeconds(30),
                () -> stats().path("streams_cancelled").asLong() > cancelledBefore), "plugin saw the cancellation");
        long noticedAfter = stats().path("last_cancel_seen_at_ms").asLong() - disconnectedAt;
        assertTrue(noticedAfter < 30_000, "plugin noticed the disconnect after " + noticedAfter + " ms");
    }

    @Test
    void everyAnswerCarriesARequestId() {
        for (HttpResponse<String> r : List.of(gateway.get("/plugins/echo/public", null),
                gateway.get("/plugins/echo/x", null), gateway.get("/plugins/nothing", null),
                gateway.get("/elsewhere", null))) {
            assertTrue(r.headers().firstValue("X-Request-ID").isPresent(), r.uri().toString());
        }
    }

    JsonNode stats() {
        return json(gateway.get("/plugins/echo/stats", null));
    }

    static List<String> headerValues(JsonNode echo, String name) {
        JsonNode headers = echo.path("headers");
        for (var it = headers.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (field.equalsIgnoreCase(name)) {
                return JSON.convertValue(headers.path(field), List.class);
            }
        }
        return List.of();
    }

    /** Sends a hand-written request and returns the response's status line. */
    String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", system.gatewayBase().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
