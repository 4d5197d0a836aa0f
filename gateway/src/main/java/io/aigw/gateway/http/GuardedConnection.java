package io.aigw.gateway.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.spi.ServerConnection;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One client connection under the {@link ConnectionGuard}: Helidon's HTTP/1.1 connection runs
 * inside it, and every byte it reads from the client comes through {@link #readFromClient()}.
 * That is how the guard knows what the connection is waiting for (a request, the rest of the
 * headers, the body) and since when, so its watchdog can cut a client that is too slow.
 * Helidon 4.5 has no read timeouts of its own (its idle timeout only covers the wait for a
 * request line, and only every two minutes).
 */
final class GuardedConnection implements ConnectionContext, ServerConnection {

    /** What the connection waits for from the client; each has its own deadline. */
    enum Phase {
        /** the next request (idle timeout); also the state at the start */
        IDLE,
        /** the rest of the request line and headers (header timeout) */
        HEADERS,
        /** the body, while the request is handled (body timeout) */
        REQUEST,
        /** the unread rest of a body after the answer was sent (body timeout, no answer on expiry) */
        DRAINING
    }

    /**
     * What the connection waits for, until when, and whether its thread is blocked reading right
     * now. Replaced, never changed: the watchdog may only expire the very read it saw.
     */
    private record Stage(Phase phase, long deadlineNanos, boolean reading, boolean expired, long expiredAtNanos) {
        static Stage of(Phase phase, Duration timeout) {
            return new Stage(phase, System.nanoTime() + timeout.toNanos(), false, false, 0);
        }

        Stage readingNow() {
            return new Stage(phase, deadlineNanos, true, false, 0);
        }

        Stage expiredAt(long now) {
            return new Stage(phase, deadlineNanos, false, true, now);
        }
    }

    /** An expired connection whose 408 cannot be written (client not reading) is closed anyway after this. */
    private static final long FORCE_CLOSE_NANOS = Duration.ofSeconds(2).toNanos();
    private static final ThreadLocal<GuardedConnection> CURRENT = new ThreadLocal<>();

    private final ConnectionContext ctx;
    private final ConnectionGuard guard;
    private final InetAddress address;
    private final DataReader reader;
    private final ServerConnection http1;
    private final AtomicReference<Stage> stage;
    private volatile String expiry;
    private volatile boolean closeAfterThisRequest;
    private byte[] carried;

    GuardedConnection(ConnectionContext ctx, ConnectionGuard guard, InetAddress address,
                      Function<ConnectionContext, ServerConnection> http1) {
        this.ctx = ctx;
        this.guard = guard;
        this.address = address;
        // Bytes Helidon already read to pick the protocol (none with HTTP/1.1 alone) come first.
        DataReader original = ctx.dataReader();
        this.carried = original.available() > 0 ? original.readBytes(original.available()) : null;
        this.reader = DataReader.create(this::readFromClient);
        this.stage = new AtomicReference<>(Stage.of(Phase.IDLE, guard.settings().idleTimeout()));
        this.http1 = http1.apply(this);
    }

    /** The connection whose request this thread is handling (Helidon runs a connection on one thread), or null. */
    static GuardedConnection current() {
        return CURRENT.get();
    }

    InetAddress address() {
        return address;
    }

    // ---- what the HTTP/1.1 parser and the routing tell us

    /** The request line was parsed (it may have been read together with the previous request). */
    void requestLineRead() {
        if (closeAfterThisRequest) {
            throw new CloseConnectionException("the previous answer closed the connection");
        }
        if (stage.get().phase() == Phase.IDLE) {
            enter(Phase.HEADERS, guard.settings().headerTimeout());
        }
    }

    /** The headers were parsed; the body (if any) is read while the request is handled. */
    void headersRead() {
        enter(Phase.REQUEST, guard.settings().bodyTimeout());
    }

    /** The answer is sent and the client may still be sending an unread body. */
    void draining() {
        stage.set(new Stage(Phase.DRAINING, stage.get().deadlineNanos(), false, false, 0));
    }

    /** The answer is sent and the body is read: the connection may carry the next request. */
    void requestDone() {
        enter(Phase.IDLE, guard.settings().idleTimeout());
    }

    /**
     * The connection ends when the current request is done: whatever the client sent after it is
     * never parsed. (Helidon's own graceful close: it stops its request loop.)
     */
    void closeAfterThisRequest() {
        closeAfterThisRequest = true;
        http1.close(false);
    }

    // Phases change only on the connection's own thread, between reads, when the watchdog leaves the stage alone.
    private void enter(Phase phase, Duration timeout) {
        stage.set(Stage.of(phase, timeout));
    }

    // ---- reading

    /**
     * Supplies the HTTP parser and the request body with the client's bytes. Blocks in the socket
     * read; the watchdog may end that wait by closing the socket, after which this throws.
     */
    private byte[] readFromClient() {
        if (carried != null) {
            byte[] bytes = carried;
            carried = null;
            return bytes;
        }
        Stage current = stage.get();
        if (current.phase() == Phase.IDLE && closeAfterThisRequest) {
            return null; // end of data: Helidon closes the connection quietly
        }
        if (System.nanoTime() - current.deadlineNanos() > 0) {
            Stage expired = current.expiredAt(System.nanoTime());
            stage.set(expired);
            expire(expired);
            throw timedOut();
        }
        Stage reading = current.readingNow();
        stage.set(reading);
        byte[] bytes;
        try {
            bytes = ctx.serverSocket().get();
        } catch (RuntimeException e) {
            if (!stage.compareAndSet(reading, current)) {
                throw timedOut(); // the watchdog closed the socket under the read
            }
            throw new ServerConnectionException("reading from the client failed", e);
        }
        if (!stage.compareAndSet(reading, current)) {
            throw timedOut(); // the watchdog took over while the bytes arrived; it is answering
        }
        if (bytes == null) {
            if (current.phase() == Phase.IDLE) {
                return null;
            }
            // The client hung up mid-request. Said as a connection exception, Helidon closes quietly
            // instead of logging an "internal error" with a stack trace for each such client.
            throw new CloseConnectionException("client closed the connection mid-request");
        }
        if (current.phase() == Phase.IDLE) {
            enter(Phase.HEADERS, guard.settings().headerTimeout());
        }
        return bytes;
    }

    private CloseConnectionException timedOut() {
        return new CloseConnectionException(expiry == null ? "timed out" : expiry);
    }

    // ---- the watchdog

    /** Called by the watchdog: ends the connection when the client is too slow for the current phase. */
    void check(long now) {
        Stage current = stage.get();
        if (current.expired()) {
            if (now - current.expiredAtNanos() > FORCE_CLOSE_NANOS) {
                closeSocket();
            }
            return;
        }
        // Only while the connection waits for the client: otherwise our own code is running and
        // owns the response. Winning this exchange makes the waiting thread give up when it wakes.
        if (current.reading() && now - current.deadlineNanos() >= 0) {
            Stage expired = current.expiredAt(now);
            if (stage.compareAndSet(current, expired)) {
                Thread.ofVirtual().name("http-timeout").start(() -> expire(expired));
            }
        }
    }

    /** Answers 408 when no answer was started for the request, then closes the socket. */
    private void expire(Stage expired) {
        expiry = switch (expired.phase()) {
            case IDLE -> "idle connection closed";
            case HEADERS -> "request headers not received within " + guard.settings().headerTimeout().toMillis() + " ms";
            case REQUEST, DRAINING -> "request body not received within " + guard.settings().bodyTimeout().toMillis() + " ms";
        };
        guard.timedOut(this, expired.phase());
        try {
            if (expired.phase() == Phase.HEADERS || expired.phase() == Phase.REQUEST) {
                ctx.dataWriter().writeNow(BufferData.create(RawResponse.error(408, expiry)));
            }
        } catch (RuntimeException e) {
            // the client is gone or not reading; closing is all that is left
        } finally {
            closeSocket();
        }
    }

    private void closeSocket() {
        try {
            ctx.serverSocket().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }

    // ---- ServerConnection: Helidon's connection, run on this thread

    @Override
    public void handle(Limit limit) throws InterruptedException {
        CURRENT.set(this);
        try {
            http1.handle(limit);
        } finally {
            CURRENT.remove();
            guard.released(this);
        }
    }

    @Override
    public Duration idleTime() {
        return http1.idleTime();
    }

    @Override
    public void close(boolean interrupt) {
        http1.close(interrupt);
    }

    // ---- ConnectionContext: Helidon's, except that reads come through readFromClient

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public ListenerContext listenerContext() {
        return ctx.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return ctx.executor();
    }

    @Override
    public DataWriter dataWriter() {
        return ctx.dataWriter();
    }

    @Override
    public Router router() {
        return ctx.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return ctx.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return ctx.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return ctx.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return ctx.localPeer();
    }

    @Override
    public boolean isSecure() {
        return ctx.isSecure();
    }

    @Override
    public String socketId() {
        return ctx.socketId();
    }

    @Override
    public String childSocketId() {
        return ctx.childSocketId();
    }
}
