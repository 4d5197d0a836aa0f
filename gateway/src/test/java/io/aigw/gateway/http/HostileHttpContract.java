package io.aigw.gateway.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hostile client must not achieve against either HTTP server (gateway and control plane),
 * spoken over raw sockets: smuggling a request inside a body, confusing the framing, holding
 * connections open, filling the log. Every refusal is a JSON error with {@code X-Request-ID} (or
 * a closed connection), and the server answers a normal request afterwards.
 *
 * <p>A server under test runs with {@link #LIMITS}: small timeouts, so slow clients are cut quickly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HostileHttpContract {

    public static final Map<String, String> LIMITS = Map.of(
            "HTTP_IDLE_TIMEOUT", "2s",
            "HTTP_HEADER_TIMEOUT", "1s",
            "HTTP_BODY_TIMEOUT", "1s",
            "HTTP_MAX_CONNECTIONS", "1000",
            "HTTP_MAX_CONNECTIONS_PER_ADDRESS", "64");
    private static final int PER_ADDRESS = 64;

    /** The server's port. */
    protected abstract int port();

    /** A GET answered 200 without credentials. */
    protected abstract String publicPath();

    /** A POST answered 401 without credentials, before its body is read. */
    protected abstract String protectedPath();

    /** An {@code Authorization} header value that {@link #bodyPath()} accepts. */
    protected abstract String authorization();

    /** A POST that, with {@link #authorization()}, reads its body. */
    protected abstract String bodyPath();

    @AfterEach
    void serverStillAnswers() {
        // Connections a test closed are released by the server a moment later; until then the
        // per-address limit may still count them.
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        RawReply reply = null;
        while (Instant.now().isBefore(end)) {
            try (RawClient c = RawClient.connect(port())) {
                reply = c.send(get(publicPath())).read();
                if (reply.status() == 200) {
                    return;
                }
            } catch (RuntimeException | AssertionError e) {
                // try again
            }
        }
        throw new AssertionError("the server no longer answers a normal request: " + reply);
    }

    // ---- request smuggling through an unread body

    @Test
    void anUnreadBodyIsNotServedAsARequestWhenTheClientAsksToClose() {
        String smuggled = "GET " + publicPath() + " HTTP/1.1\r\nHost: x\r\nX-Request-ID: smuggled\r\n\r\n";
        try (RawClient c = RawClient.connect(port())) {
            c.send("POST " + protectedPath() + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + smuggled.length() + "\r\n\r\n" + smuggled);
            c.read().assertJsonError(401);
            assertEquals("", c.readUntilClosed(), "after the 401 the connection closes; the body is no request");
        }
    }

    @Test
    void anUnreadBodyIsSkippedOnAKeptConnection() {
        String smuggled = "GET " + publicPath() + " HTTP/1.1\r\nHost: x\r\nX-Request-ID: smuggled\r\n\r\n";
        try (RawClient c = RawClient.connect(port())) {
            c.send("POST " + protectedPath() + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + smuggled.length() + "\r\n\r\n" + smuggled);
            c.read().assertJsonError(401);
            RawReply next = c.send(get(publicPath(), "X-Request-ID: follow-up")).read();
            assertEquals(200, next.status(), next.toString());
            assertEquals("follow-up", next.header("X-Request-ID"), "the answer is to the client's next request");
        }
    }

    @Test
    void aLongUnreadBodyClosesTheConnection() {
        int length = 512 * 1024;
        try (RawClient c = RawClient.connect(port())) {
            c.send("POST " + protectedPath() + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\n\r\n");
            c.trySend(("GET " + publicPath() + " HTTP/1.1\r\nHost: x\r\n\r\n").repeat(length / 40));
            RawReply reply = c.readLastReply();
            assertEquals(401, reply.status(), reply.toString());
        }
    }

    @Test
    void nothingPipelinedAfterConnectionCloseIsServed() {
        try (RawClient c = RawClient.connect(port())) {
            c.send(get(publicPath(), "Connection: close") + get(publicPath(), "X-Request-ID: after-close"));
            assertEquals(200, c.read().status());
            assertEquals("", c.readUntilClosed(), "a request after 'Connection: close' is never answered");
        }
    }

    @Test
    void aBodyHeldBackForContinueIsNotAskedForAfterTheAnswer() {
        try (RawClient c = RawClient.connect(port())) {
            c.send("POST " + protectedPath() + " HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 10\r\n\r\n");
            c.read().assertJsonError(401);
            assertEquals("", c.readUntilClosed(), "no '100 Continue' after the final answer");
        }
    }

    // ---- framing

    @Test
    void contentLengthWithChunkedIsRefused() {
        assertRefused("POST " + bodyPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization()
                + "\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 400);
    }

    @Test
    void twoDifferentContentLengthsAreRefused() {
        assertRefused("POST " + bodyPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization()
                + "\r\nContent-Length: 2\r\nContent-Length: 30\r\n\r\n{}" + get(publicPath()), 400);
    }

    @Test
    void aContentLengthThatIsNotANumberIsRefused() {
        assertRefused("POST " + bodyPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization()
                + "\r\nContent-Length: 2, 30\r\n\r\n{}", 400);
    }

    @Test
    void aBadChunkSizeIsRefused() {
        assertRefused("POST " + bodyPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400);
    }

    @Test
    void anOverflowingChunkSizeIsRefused() {
        assertRefused("POST " + bodyPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "ffffffffffffffffff\r\n{}\r\n0\r\n\r\n", 400);
    }

    @Test
    void anUnknownTransferEncodingIsRefused() {
        RawReply reply = refusal("POST " + bodyPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization()
                + "\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
        assertTrue(reply == null || reply.status() == 400 || reply.status() == 501, String.valueOf(reply));
    }

    @Test
    void obsoleteLineFoldingIsRefused() {
        assertRefused("GET " + publicPath() + " HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n  b\r\n\r\n", 400);
    }

    @Test
    void bareLineFeedsAreRefused() {
        assertRefused("GET " + publicPath() + " HTTP/1.1\nHost: x\n\n", 400);
    }

    @Test
    void aNulInAHeaderIsRefused() {
        assertRefused("GET " + publicPath() + " HTTP/1.1\r\nHost: x\r\nX-Nul: a\0b\r\n\r\n", 400);
    }

    @Test
    void aHeaderWithoutAColonIsRefused() {
        assertRefused("GET " + publicPath() + " HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", 400);
    }

    @Test
    void twoHostHeadersAreRefused() {
        assertRefused("GET " + publicPath() + " HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400);
    }

    @Test
    void aHugeHeaderIs431() {
        assertRefused("GET " + publicPath() + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n", 431);
    }

    @Test
    void thousandsOfHeadersAre431() {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            headers.append("X-H").append(i).append(": v\r\n");
        }
        assertRefused("GET " + publicPath() + " HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n", 431);
    }

    @Test
    void aHugeRequestLineIs414() {
        assertRefused("GET " + publicPath() + "?q=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414);
    }

    @Test
    void malformedRequestLinesAre400() {
        assertRefused("GARBAGE\r\n\r\n", 400);
        assertRefused("GET\r\nHost: x\r\n\r\n", 400);
        assertRefused("GET " + publicPath() + " HTTP/1.1 extra\r\nHost: x\r\n\r\n", 400);
        assertRefused("GET " + publicPath() + " HTTQ/1.1\r\nHost: x\r\n\r\n", 400);
    }

    @Test
    void badPercentEscapesAre400() {
        assertRefused("GET " + publicPath() + "%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        assertRefused("GET " + publicPath() + "?a=%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        assertRefused("GET " + publicPath() + "% HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    }

    @Test
    void http10IsRefusedWithAJson505() {
        assertRefused("GET " + publicPath() + " HTTP/1.0\r\n\r\n", 505);
    }

    // ---- slow and idle clients

    @Test
    void slowHeadersAreCut() {
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                clients.add(RawClient.connect(port()).send("GET " + publicPath() + " HTTP/1.1\r\nHost: x\r\nX-Slow: "));
            }
            for (RawClient c : clients) {
                assertTimedOut(c.readLastReply());
            }
        } finally {
            clients.forEach(RawClient::close);
        }
    }

    @Test
    void aTrickledRequestLineIsCut() throws InterruptedException {
        try (RawClient c = RawClient.connect(port())) {
            String request = get(publicPath());
            // One byte every 100 ms: each arrives well within any per-read timeout, the whole would take 5 s.
            for (int i = 0; i < 50 && i < request.length() - 4; i++) {
                c.trySend(request.substring(i, i + 1));
                Thread.sleep(100);
            }
            assertTimedOut(c.readLastReply());
        }
    }

    @Test
    void slowBodiesAreCut() {
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                clients.add(RawClient.connect(port()).send("POST " + bodyPath() + " HTTP/1.1\r\nHost: x\r\n"
                        + "Authorization: " + authorization() + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"name\": "));
            }
            for (RawClient c : clients) {
                assertTimedOut(c.readLastReply());
            }
        } finally {
            clients.forEach(RawClient::close);
        }
    }

    @Test
    void idleConnectionsAreClosed() {
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                clients.add(RawClient.connect(port()));
            }
            try (RawClient used = RawClient.connect(port())) {
                assertEquals(200, used.send(get(publicPath())).read().status());
                assertEquals("", used.readUntilClosed(), "idle after a request: closed");
            }
            for (RawClient c : clients) {
                assertEquals("", c.readUntilClosed(), "never sent anything: closed");
            }
        } finally {
            clients.forEach(RawClient::close);
        }
    }

    @Test
    void oneAddressCannotHoldMoreThanItsShareOfConnections() {
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                clients.add(RawClient.connect(port()));
            }
            int refused = 0;
            for (RawClient c : clients) {
                RawReply reply = c.readLastReply(); // refused at once, or closed when idle
                if (reply != null) {
                    reply.assertJsonError(503);
                    refused++;
                }
            }
            assertTrue(refused >= 200 - PER_ADDRESS, refused + " of 200 refused");
        } finally {
            clients.forEach(RawClient::close);
        }
    }

    @Test
    void clientsHangingUpMidRequestLeaveNoStackTracesInTheLog() {
        List<LogRecord> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            for (int i = 0; i < 100; i++) {
                try (RawClient c = RawClient.connect(port())) {
                    c.send(i % 2 == 0 ? "GET " + publicPath() + " HTTP/1.1\r\nHost: x\r\nX-Half"
                            : "POST " + protectedPath() + " HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{");
                    c.hangUp();
                    // The server closes its side once it has handled (and possibly logged) the hang-up.
                    c.readUntilClosed();
                }
            }
        } finally {
            root.removeHandler(capture);
        }
        synchronized (capture) {
            assertTrue(warnings.stream().allMatch(r -> r.getThrown() == null),
                    "no stack traces: " + warnings.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
            assertTrue(warnings.size() <= 1, "at most one line for 100 hang-ups: " + warnings.size());
        }
    }

    // ---- helpers

    protected static String get(String path, String... headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + String.join("", List.of(headers).stream()
                .map(h -> h + "\r\n").toList()) + "\r\n";
    }

    /** The server answers {@code request} with a JSON {@code status} and then closes. */
    protected void assertRefused(String request, int status) {
        RawReply reply = refusal(request);
        if (reply == null) {
            throw new AssertionError("closed without an answer; expected a JSON " + status);
        }
        reply.assertJsonError(status);
    }

    /** The one answer to {@code request} before the server closes (null if none). */
    protected RawReply refusal(String request) {
        try (RawClient c = RawClient.connect(port())) {
            c.trySend(request);
            return c.readLastReply();
        }
    }

    private static void assertTimedOut(RawReply reply) {
        if (reply != null) {
            reply.assertJsonError(408);
        }
    }
}
