package io.aigw.gateway.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Decides, once a request is answered, whether its connection may carry another request. The
 * first filter of both servers.
 *
 * <p>Works around request smuggling in Helidon 4.5's HTTP/1.1 connection: after an answer with
 * {@code Connection: close} (the client asked for it) Helidon keeps the connection and goes on
 * parsing requests; when the handler answered without reading the body (an early 401, 404, 413)
 * the unread body is parsed as the next request and served. Without {@code Connection: close}
 * Helidon reads an unread body to its end, however long. Here instead:
 * <ul>
 *   <li>an unread body is read and discarded up to {@link #DRAIN_LIMIT} bytes (so the client, still
 *       sending, is not reset before it reads the answer); a longer one closes the connection;</li>
 *   <li>after an answer with {@code Connection: close} the connection closes: nothing more the
 *       client sent on it is parsed, let alone served;</li>
 *   <li>a body the client holds back until {@code 100 Continue} is not asked for after the answer
 *       (it would come after the final status): the connection closes.</li>
 * </ul>
 */
final class KeepAliveFilter implements Filter {

    /** How much of an unread body is read to keep the connection; more closes it. */
    static final long DRAIN_LIMIT = 64 * 1024;
    /**
     * Before closing over a longer body, the server goes on reading (and discarding) this much more,
     * for at most {@link #LINGER_NANOS}: closing a socket with unread input makes the kernel send a
     * reset, which can destroy the answer (a 413, a 401) before a client still sending has read it.
     */
    static final long LINGER_LIMIT = 16L * 1024 * 1024;
    static final long LINGER_NANOS = 2_000_000_000L;

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        GuardedConnection connection = GuardedConnection.current();
        // Decided from the headers: touching req.content() here would fix the entity's stream filter
        // before the tap below is installed, and a malformed chunked body would then be a 500.
        if (!mayHaveBody(req)) {
            // Nothing to tap, drain or announce (most requests): only the Connection headers count.
            try {
                chain.proceed();
            } catch (CloseConnectionException e) {
                throw e;
            } catch (RuntimeException | Error e) {
                settleWithoutBody(req, res, connection, false);
                throw e;
            }
            settleWithoutBody(req, res, connection, true);
            return;
        }
        BodyTap tap = new BodyTap();
        req.streamFilter(tap::take); // before anything touches the entity, which fixes its stream filter
        res.beforeSend(() -> announceClose(req, res));
        try {
            chain.proceed();
        } catch (CloseConnectionException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // The error handlers outside this filter answer, so the connection cannot be cut here.
            settle(req, res, tap, connection, false);
            throw e;
        }
        settle(req, res, tap, connection, true);
    }

    private static boolean mayHaveBody(RoutingRequest req) {
        return req.headers().contains(HeaderNames.TRANSFER_ENCODING) || req.headers().contentLength().orElse(0) > 0;
    }

    /** {@link #settle} for a request without a body. */
    private static void settleWithoutBody(RoutingRequest req, RoutingResponse res, GuardedConnection connection,
                                          boolean answered) {
        boolean closing = saysClose(req.headers()) || saysClose(res.headers());
        if (connection == null) {
            if (answered && closing) {
                throw new CloseConnectionException("the answer closes the connection");
            }
            return;
        }
        if (closing) {
            connection.closeAfterThisRequest();
        }
        connection.requestDone();
    }

    private static void settle(RoutingRequest req, RoutingResponse res, BodyTap tap, GuardedConnection connection,
                               boolean answered) {
        boolean closing = saysClose(req.headers()) || saysClose(res.headers());
        boolean bodyLeft = false;
        if (!req.content().consumed()) {
            if (req.headers().containsToken(HeaderValues.EXPECT_100) && !req.continueSent()) {
                bodyLeft = true;
            } else {
                if (connection != null) {
                    connection.draining();
                }
                Drain drain = drain(req, tap);
                bodyLeft = drain == Drain.LEFT;
                // a long body read to its end: no cut needed, but no keep-alive for such a client
                closing |= drain == Drain.READ_LONG;
            }
        }
        if (connection != null && (closing || bodyLeft)) {
            // Helidon ends the connection once this request is done, before parsing anything else.
            connection.closeAfterThisRequest();
        }
        if (answered && (bodyLeft || closing && connection == null)) {
            // Cut now: with a keep-alive answer Helidon would read the rest of the body itself, however long.
            throw new CloseConnectionException("request body left unread");
        }
        if (connection != null) {
            connection.requestDone();
        }
    }

    /**
     * A {@code close} token in the {@code Connection} header(s). Checked by hand: Helidon's
     * {@code containsToken} tokenizes through a stream, and this runs twice for every request.
     */
    static boolean saysClose(Headers headers) {
        for (String value : headers.all(HeaderNames.CONNECTION, List::of)) {
            int start = 0;
            for (int i = 0; i <= value.length(); i++) {
                if (i == value.length() || value.charAt(i) == ',') {
                    if (isClose(value, start, i)) {
                        return true;
                    }
                    start = i + 1;
                }
            }
        }
        return false;
    }

    private static boolean isClose(String value, int start, int end) {
        while (start < end && isWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        return end - start == 5 && value.regionMatches(true, start, "close", 0, 5);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * An answer sent while a body longer than {@link #DRAIN_LIMIT} (or of unknown length) is still
     * unread says {@code Connection: close}: the connection will not carry another request, and a
     * client that pooled it would otherwise send its next request into a closed socket.
     */
    private static void announceClose(RoutingRequest req, RoutingResponse res) {
        if (!req.content().hasEntity() || req.content().consumed()) {
            return;
        }
        long declared = req.headers().contentLength().orElse(-1);
        if (declared < 0 || declared > DRAIN_LIMIT) {
            res.header(HeaderValues.CONNECTION_CLOSE);
        }
    }

    /** What draining an unread body came to. */
    private enum Drain {
        /** read to its end within {@link #DRAIN_LIMIT}: the connection may carry on */
        READ,
        /** read to its end, but longer than {@link #DRAIN_LIMIT}: close once answered */
        READ_LONG,
        /** still unread past the linger limits, or unreadable: cut the connection */
        LEFT
    }

    /** Reads and discards the rest of the body, lingering on a long one so the answer survives. */
    private static Drain drain(RoutingRequest req, BodyTap tap) {
        try {
            InputStream in = tap.stream != null ? tap.stream : req.content().inputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            long lingerUntil = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > DRAIN_LIMIT) {
                    if (lingerUntil == 0) {
                        lingerUntil = System.nanoTime() + LINGER_NANOS;
                    }
                    if (total > LINGER_LIMIT || System.nanoTime() - lingerUntil > 0) {
                        return Drain.LEFT;
                    }
                }
            }
            return total <= DRAIN_LIMIT ? Drain.READ : Drain.READ_LONG;
        } catch (IOException | RuntimeException e) {
            return Drain.LEFT;
        }
    }

    /**
     * The body stream as handlers see it: remembered, so the unread rest can be drained from it,
     * and with Helidon's framing errors (a chunk size that is not hex, which it reports as a
     * NumberFormatException) turned into the IOException every body reader expects, so a malformed
     * body is the client's 400, not our 500.
     */
    private static final class BodyTap {
        private InputStream stream;

        InputStream take(InputStream in) {
            stream = new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    try {
                        return super.read();
                    } catch (CloseConnectionException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        throw malformed(e);
                    }
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (CloseConnectionException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        throw malformed(e);
                    }
                }
            };
            return stream;
        }

        private static IOException malformed(RuntimeException e) {
            return new IOException("malformed request body", e);
        }
    }
}
