package io.aigw.gateway.dispatch;

import io.aigw.gateway.testing.Client;
import io.aigw.gateway.testing.GatewayUnderTest;
import io.aigw.gateway.testing.TestPlugin;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.Headers;
import io.aigw.plugin.api.StreamCancelledException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.aigw.gateway.testing.Client.assertJsonError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A streamed response, chunk by chunk: headers first, then body chunks each reaching the client as
 * the plugin sends them, then a clean end, or a cut connection when the plugin fails after the
 * headers; the plugin is cancelled when the client goes away or the stream's time is up.
 * Ordering is proven with latches (the plugin waits for the client to have seen a chunk), never
 * with elapsed time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamDispatchTest {

    /** How long a latch may take on the slowest machine; passing it means the thing never happened. */
    private static final long PATIENCE_S = 60;
    private static final String SECRET = "credentials of upstream";

    private GatewayUnderTest gateway;
    private Client client;
    /** What the plugin observed, in order, for the test to assert on. */
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    private volatile CountDownLatch clientSawFirst;

    @BeforeAll
    void start() {
        gateway = GatewayUnderTest.start(Map.of("PLUGIN_ENDPOINT_STREAM_HEARTBEAT", "100ms"));
        client = new Client(gateway);
        gateway.load(1, "s", TestPlugin.streaming(List.of(
                EndpointRegistration.builder("/*").methods("GET").streamResponse(true).build()),
                (context, request, stream) -> {
                    switch (request.relativePath()) {
                        case "/two-chunks" -> {
                            stream.sendHeaders(201, Headers.of("Content-Type", "text/plain", "X-Step", "headers",
                                    "Set-Cookie", "a=1", "Set-Cookie", "b=2"));
                            stream.sendBody("one\n");
                            await(clientSawFirst);
                            stream.sendBody("two\n");
                            stream.done();
                            try {
                                stream.sendBody("after the end");
                            } catch (IllegalStateException e) {
                                seen.add("after done: " + e.getMessage());
                            }
                        }
                        case "/body-first" -> {
                            try {
                                stream.sendBody("too early");
                            } catch (IllegalStateException e) {
                                seen.add("body first: " + e.getMessage());
                                throw e;
                            }
                        }
                        case "/status-after-body" -> {
                            stream.sendHeaders(200, Headers.of("Content-Type", "text/plain"));
                            stream.sendBody("partial ");
                            try {
                                stream.sendHeaders(500, Headers.empty());
                            } catch (IllegalStateException e) {
                                seen.add("second headers: " + e.getMessage());
                            }
                            stream.sendBody("rest");
                            stream.done();
                        }
                        case "/returns-after-body" -> {
                            stream.sendHeaders(200, Headers.of("Content-Type", "text/plain"));
                            stream.sendBody("all there is");
                        }
                        case "/returns-without-headers" -> seen.add("returned");
                        case "/error-before-headers" -> stream.error("upstream refused: " + SECRET);
                        case "/error-after-first-chunk", "/throws-after-first-chunk" -> {
                            stream.sendHeaders(200, Headers.of("Content-Type", "text/plain"));
                            stream.sendBody("first\n");
                            await(clientSawFirst);
                            if (request.relativePath().startsWith("/error")) {
                                stream.error("upstream broke");
                            } else {
                                throw new IllegalStateException("plugin bug");
                            }
                        }
                        case "/chatty" -> {
                            stream.sendHeaders(200, Headers.of("Content-Type", "text/plain"));
                            try {
                                for (int i = 0; ; i++) {
                                    stream.sendBody("chunk " + i + "\n");
                                    Thread.sleep(10);
                                }
                            } catch (StreamCancelledException | InterruptedException e) {
                                seen.add("chatty cancelled: " + context.isCancelled());
                            }
                        }
                        case "/quiet-sse" -> {
                            stream.sendHeaders(200, Headers.of("Content-Type", "text/event-stream"));
                            stream.sendBody("data: hello\n\n");
                            try {
                                Thread.sleep(TimeUnit.MINUTES.toMillis(10)); // nothing more to say for a long time
                                seen.add("quiet woke up on its own");
                            } catch (InterruptedException e) {
                                seen.add("quiet cancelled: " + context.isCancelled());
                            }
                        }
                        default -> stream.error("unknown test path " + request.relativePath());
                    }
                }));
    }

    @BeforeEach
    void reset() {
        seen.clear();
        clientSawFirst = new CountDownLatch(1);
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(PATIENCE_S, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the plugin");
        }
    }

    private String nextSeen() throws InterruptedException {
        String event = seen.poll(PATIENCE_S, TimeUnit.SECONDS);
        assertNotNull(event, "the plugin observed nothing");
        return event;
    }

    private HttpResponse<InputStream> open(String path) throws Exception {
        return client.open(client.request("/plugins/s" + path));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Test
    void headersComeFirstAndEachChunkReachesTheClientBeforeThePluginSendsTheNext() throws Exception {
        HttpResponse<InputStream> r = open("/two-chunks");
        assertEquals(201, r.statusCode());
        assertEquals("headers", r.headers().firstValue("X-Step").orElse(""));
        assertEquals(List.of("a=1", "b=2"), r.headers().allValues("Set-Cookie"));
        assertFalse(r.headers().firstValue("X-Request-ID").orElse("").isBlank());
        try (InputStream body = r.body()) {
            // the plugin waits for this latch before its second chunk: reading the first proves it was flushed alone
            assertEquals("one\n", readLine(body));
            clientSawFirst.countDown();
            assertEquals("two\n", readLine(body));
            assertEquals(-1, body.read(), "a clean end after done()");
        }
        assertEquals("after done: stream is finished", nextSeen());
    }

    @Test
    void aBodyBeforeTheHeadersIsRefusedToThePluginAndThe502IsJson() throws Exception {
        assertEquals("plugin failed to handle the request", assertJsonError(client.get("/plugins/s/body-first"), 502));
        assertEquals("body first: send headers before the body", nextSeen());
    }

    @Test
    void theStatusCannotChangeOnceTheBodyHasStarted() throws Exception {
        HttpResponse<String> r = client.get("/plugins/s/status-after-body");
        assertEquals(200, r.statusCode());
        assertEquals("partial rest", r.body());
        assertEquals("second headers: headers were already sent", nextSeen());
    }

    @Test
    void returningAfterTheHeadersEndsTheResponseCleanlyAndReturningBeforeThemIs502() throws Exception {
        HttpResponse<String> r = client.get("/plugins/s/returns-after-body");
        assertEquals(200, r.statusCode());
        assertEquals("all there is", r.body());
        assertJsonError(client.get("/plugins/s/returns-without-headers"), 502);
        assertEquals("returned", nextSeen());
    }

    @Test
    void anErrorBeforeTheHeadersIsA502WithoutThePluginsMessage() {
        HttpResponse<String> r = client.get("/plugins/s/error-before-headers");
        assertEquals("plugin failed to handle the request", assertJsonError(r, 502));
        assertFalse(r.body().contains(SECRET), r.body());
    }

    @Test
    void anErrorOrAThrowAfterTheHeadersCutsTheResponseInsteadOfEndingItCleanly() throws Exception {
        for (String path : List.of("/error-after-first-chunk", "/throws-after-first-chunk")) {
            clientSawFirst = new CountDownLatch(1);
            HttpResponse<InputStream> r = open(path);
            assertEquals(200, r.statusCode(), path);
            try (InputStream body = r.body()) {
                assertEquals("first\n", readLine(body), path);
                clientSawFirst.countDown();
                assertThrows(IOException.class, body::readAllBytes, path + ": the client must see an incomplete response");
            }
        }
    }

    @Test
    void aClientThatGoesAwayCancelsTheSendingPlugin() throws Exception {
        hangUpAfterFirstLine("/chatty");
        assertEquals("chatty cancelled: true", nextSeen());
    }

    @Test
    void aClientThatGoesAwayFromAQuietEventStreamIsNoticedByHeartbeatsAndThePluginInterrupted() throws Exception {
        hangUpAfterFirstLine("/quiet-sse");
        // the plugin would sleep for 10 minutes: only the gateway's heartbeat can have found the client gone
        assertEquals("quiet cancelled: true", nextSeen());
    }

    @Test
    void aStreamPastItsTotalTimeLimitIs504BeforeHeadersAndCutAfterThem() throws Exception {
        BlockingQueue<String> limited = new LinkedBlockingQueue<>();
        try (GatewayUnderTest shortLived = GatewayUnderTest.start(Map.of("PLUGIN_ENDPOINT_STREAM_TIMEOUT", "1s"))) {
            Client shortClient = new Client(shortLived);
            shortLived.load(1, "slow", TestPlugin.streaming(List.of(
                    EndpointRegistration.builder("/*").methods("GET").streamResponse(true).build()),
                    (context, request, stream) -> {
                        if (request.relativePath().equals("/after-headers")) {
                            stream.sendHeaders(200, Headers.of("Content-Type", "text/plain"));
                            stream.sendBody("started\n");
                        }
                        try {
                            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
                        } catch (InterruptedException e) {
                            limited.add(request.relativePath() + " cancelled: " + context.isCancelled());
                        }
                    }));
            assertEquals("plugin stream did not complete within 1s",
                    assertJsonError(shortClient.get("/plugins/slow/before-headers"), 504));
            assertEquals("/before-headers cancelled: true", limited.poll(PATIENCE_S, TimeUnit.SECONDS));

            HttpResponse<InputStream> r = shortClient.open(shortClient.request("/plugins/slow/after-headers"));
            assertEquals(200, r.statusCode());
            try (InputStream body = r.body()) {
                assertEquals("started\n", readLine(body));
                assertThrows(IOException.class, body::readAllBytes, "cut at the limit, not ended cleanly");
            }
            assertEquals("/after-headers cancelled: true", limited.poll(PATIENCE_S, TimeUnit.SECONDS));
        }
    }

    /** Opens {@code path} on a raw socket, reads up to the first body line, and closes the connection. */
    private void hangUpAfterFirstLine(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(PATIENCE_S));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /plugins/s" + path + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            assertTrue(status != null && status.startsWith("HTTP/1.1 200"), status);
            String line;
            while ((line = in.readLine()) != null && !(line.startsWith("chunk ") || line.startsWith("data: "))) {
                // headers, then the chunk-size line
            }
            assertNotNull(line, "the stream ended before its first chunk");
        }
    }
}
