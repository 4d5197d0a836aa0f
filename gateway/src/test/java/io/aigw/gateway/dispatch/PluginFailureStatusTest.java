package io.aigw.gateway.dispatch;

import io.aigw.gateway.testing.Client;
import io.aigw.gateway.testing.GatewayUnderTest;
import io.aigw.gateway.testing.TestPlugin;
import io.aigw.loader.host.PluginUnavailableException;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.aigw.gateway.testing.Client.assertJsonError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the client is told when a plugin call goes wrong, unary and streamed alike: 504 when the
 * plugin ran out of time, 503 when it cannot take the call (unavailable, busy), 502 for anything
 * the plugin did wrong ({@link Error}s included). Always JSON, never the plugin's own words.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginFailureStatusTest {

    private static final String SECRET = "internal detail that must not reach the client";

    private GatewayUnderTest gateway;
    private Client client;

    @BeforeAll
    void start() {
        gateway = GatewayUnderTest.start(Map.of());
        client = new Client(gateway);
        gateway.load(1, "faulty", TestPlugin.of(List.of(
                EndpointRegistration.builder("/*").methods("GET").build(),
                EndpointRegistration.builder("/stream/*").methods("GET").streamResponse(true).build()),
                (context, request) -> switch (request.relativePath()) {
                    case "/throws" -> throw new IllegalStateException(SECRET);
                    case "/error" -> throw new OutOfMemoryError(SECRET);
                    case "/unavailable" -> throw new PluginUnavailableException(SECRET, null);
                    case "/timeout" -> throw new TimeoutException(SECRET);
                    case "/null" -> null;
                    case "/status-99" -> EndpointResponse.text(99, "x");
                    case "/status-600" -> EndpointResponse.text(600, "x");
                    case "/crlf" -> EndpointResponse.of(200, Headers.of("X-Split", "a\r\nInjected: yes"), new byte[0]);
                    case "/bad-name" -> EndpointResponse.of(200, Headers.of("Bad Name", "x"), new byte[0]);
                    case "/control" -> EndpointResponse.of(200, Headers.of("X-Odd", "a\u0001b"), new byte[0]);
                    case "/del" -> EndpointResponse.of(200, Headers.of("X-Odd", "a\u007fb"), new byte[0]);
                    case "/leading-space" -> EndpointResponse.of(200, Headers.of("X-Odd", " a"), new byte[0]);
                    case "/tab-inside" -> EndpointResponse.of(200, Headers.of("X-Tab", "a\tb"), new byte[0]);
                    default -> EndpointResponse.text(200, "fine");
                },
                (context, request, stream) -> {
                    switch (request.relativePath()) {
                        case "/stream/throws" -> throw new IllegalStateException(SECRET);
                        case "/stream/error" -> throw new StackOverflowError(SECRET);
                        case "/stream/unavailable" -> throw new PluginUnavailableException(SECRET, null);
                        case "/stream/timeout" -> throw new TimeoutException(SECRET);
                        case "/stream/status-99" -> stream.sendHeaders(99, Headers.empty());
                        case "/stream/crlf" -> stream.sendHeaders(200, Headers.of("X-Split", "a\r\nInjected: yes"));
                        case "/stream/control" -> stream.sendHeaders(200, Headers.of("X-Odd", "a\u0001b"));
                        default -> {
                            stream.sendHeaders(200, Headers.of("Content-Type", "text/plain"));
                            stream.sendBody("fine");
                            stream.done();
                        }
                    }
                }));
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    private String failure(String path, int status) {
        HttpResponse<String> r = client.get("/plugins/faulty" + path);
        String message = assertJsonError(r, status);
        assertFalse(r.body().contains(SECRET), path + ": " + r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("Error:"), path + ": " + r.body());
        assertTrue(r.headers().allValues("Injected").isEmpty(), path);
        return message;
    }

    @Test
    void whatThePluginThrowsIs502AndAnErrorIsToo() {
        for (String path : List.of("/throws", "/error", "/stream/throws", "/stream/error")) {
            assertEquals("plugin failed to handle the request", failure(path, 502), path);
        }
        assertEquals(200, client.get("/plugins/faulty/ok").statusCode(), "an Error in a handler harms no one else");
    }

    @Test
    void anInvalidResponseIs502() {
        for (String path : List.of("/null", "/status-99", "/status-600", "/crlf", "/bad-name", "/control", "/del",
                "/leading-space", "/stream/status-99", "/stream/crlf", "/stream/control")) {
            assertEquals("plugin returned an invalid response", failure(path, 502), path);
        }
    }

    @Test
    void aTabInsideAHeaderValueIsFine() {
        HttpResponse<String> r = client.get("/plugins/faulty/tab-inside");
        assertEquals(200, r.statusCode(), r.body());
        // the JDK's client hands the tab on as a space
        assertTrue(List.of("a\tb", "a b").contains(r.headers().firstValue("X-Tab").orElse("")), r.headers().toString());
    }

    @Test
    void aPluginThatIsUnavailableIs503() {
        for (String path : List.of("/unavailable", "/stream/unavailable")) {
            assertEquals("plugin 'faulty' is not available", failure(path, 503), path);
        }
    }

    @Test
    void aPluginTimeoutIs504() {
        // e.g. an external plugin's deadline passing on its side of the connection
        assertTrue(failure("/timeout", 504).startsWith("plugin did not answer within"));
        assertTrue(failure("/stream/timeout", 504).startsWith("plugin did not answer within"));
    }

    @Test
    void aUnaryCallPastTheTimeLimitIs504EvenThoughThePluginNeverAnswers() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (GatewayUnderTest slow = GatewayUnderTest.start(Map.of("PLUGIN_ENDPOINT_UNARY_TIMEOUT", "1s"))) {
            slow.load(1, "stuck", TestPlugin.unary(List.of(EndpointRegistration.builder("/*").methods("GET").build()),
                    (context, request) -> {
                        never.await(); // until the test ends: only the gateway's limit can answer the client
                        return EndpointResponse.text(200, "too late");
                    }));
            String message = assertJsonError(new Client(slow).get("/plugins/stuck/x"), 504);
            assertEquals("plugin did not answer within 1s", message);
        } finally {
            never.countDown();
        }
    }

    @Test
    void aPluginAtItsConcurrencyLimitIs503ForTheNextCallAndServesAgainOnceACallEnds() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (GatewayUnderTest limited = GatewayUnderTest.start(Map.of(
                "PLUGIN_MAX_CONCURRENT_REQUESTS", "1", "PLUGIN_MAX_CONCURRENT_STREAMS", "1"))) {
            Client limitedClient = new Client(limited);
            limited.load(1, "narrow", TestPlugin.of(List.of(
                    EndpointRegistration.builder("/hold").methods("GET").build(),
                    EndpointRegistration.builder("/stream").methods("GET").streamResponse(true).build(),
                    EndpointRegistration.builder("/quick").methods("GET").build()),
                    (context, request) -> {
                        if (request.relativePath().equals("/hold")) {
                            entered.countDown();
                            release.await();
                        }
                        return EndpointResponse.text(200, "done");
                    },
                    (context, request, stream) -> {
                        stream.sendHeaders(200, Headers.of("Content-Type", "text/plain"));
                        stream.sendBody("started\n"); // the headers reach the client with the first body bytes
                        entered.countDown();
                        release.await();
                        stream.done();
                    }));
            CompletableFuture<HttpResponse<String>> holding = CompletableFuture.supplyAsync(
                    () -> limitedClient.get("/plugins/narrow/hold"));
            HttpResponse<InputStream> streaming = limitedClient.open(limitedClient.request("/plugins/narrow/stream"));
            assertEquals(200, streaming.statusCode());
            assertTrue(entered.await(60, TimeUnit.SECONDS), "both calls reached the plugin");

            assertEquals("plugin 'narrow' is busy, try again later",
                    assertJsonError(limitedClient.get("/plugins/narrow/quick"), 503));
            assertEquals("plugin 'narrow' is busy, try again later",
                    assertJsonError(limitedClient.get("/plugins/narrow/stream"), 503));

            release.countDown();
            assertEquals(200, holding.get(60, TimeUnit.SECONDS).statusCode());
            try (InputStream body = streaming.body()) {
                body.readAllBytes();
            }
            // the slots come back when the plugin's calls have returned
            HttpResponse<String> again = awaitStatus(limitedClient, "/plugins/narrow/quick", 200);
            assertEquals("done", again.body());
        } finally {
            release.countDown();
        }
    }

    private static HttpResponse<String> awaitStatus(Client client, String path, int status) throws InterruptedException {
        long end = System.nanoTime() + Client.TIMEOUT.toNanos();
        HttpResponse<String> r = client.get(path);
        while (r.statusCode() != status && System.nanoTime() < end) {
            Thread.sleep(20);
            r = client.get(path);
        }
        assertEquals(status, r.statusCode(), r.body());
        return r;
    }
}
