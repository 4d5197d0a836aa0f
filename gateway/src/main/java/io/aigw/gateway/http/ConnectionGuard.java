package io.aigw.gateway.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static java.lang.System.Logger.Level.DEBUG;

/**
 * The server's only protocol: Helidon's HTTP/1.1, with every connection counted (total and per
 * client address, over the limit → 503 and close) and timed ({@link GuardedConnection}; a
 * watchdog thread cuts the ones whose client is too slow).
 */
final class ConnectionGuard implements ServerConnectionSelector, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConnectionGuard.class.getName());

    private final HttpSettings settings;
    private final Http1ConnectionSelector http1;
    private final Set<GuardedConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;
    private final RateLimitedLog refusals = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    ConnectionGuard(String serverName, HttpSettings settings, boolean validateResponseHeaders) {
        this.settings = settings;
        this.http1 = Http1ConnectionSelector.builder()
                .config(Http1Config.builder()
                        .addReceiveListener(new PhaseListener())
                        .validateResponseHeaders(validateResponseHeaders)
                        .build())
                .build();
        // Granular enough that a timeout fires within a quarter of itself (and at most half a second late).
        long tick = Math.clamp(Stream.of(settings.idleTimeout(), settings.headerTimeout(), settings.bodyTimeout())
                .mapToLong(Duration::toMillis).min().orElse(1000) / 4, 10, 500);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("http-watchdog-" + serverName).unstarted(r));
        watchdog.scheduleWithFixedDelay(this::checkAll, tick, tick, TimeUnit.MILLISECONDS);
    }

    HttpSettings settings() {
        return settings;
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        InetAddress address = ctx.remotePeer().address() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        String refusal = admit(address);
        if (refusal != null) {
            refusals.warn("refusing connections: " + refusal);
            return new RefusedConnection(ctx, refusal);
        }
        GuardedConnection connection = new GuardedConnection(ctx, this, address, http1::connection);
        open.add(connection);
        return connection;
    }

    /** Null when the connection may open (and is then counted), else why not. */
    private String admit(InetAddress address) {
        if (total.incrementAndGet() > settings.maxConnections()) {
            total.decrementAndGet();
            return "the server has " + settings.maxConnections() + " open connections";
        }
        if (address == null) {
            return null;
        }
        boolean[] admitted = {false};
        perAddress.compute(address, (a, count) -> {
            int n = count == null ? 0 : count;
            if (n >= settings.maxConnectionsPerAddress()) {
                return count;
            }
            admitted[0] = true;
            return n + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            return address.getHostAddress() + " has " + settings.maxConnectionsPerAddress() + " open connections";
        }
        return null;
    }

    /** A connection ended (whatever the reason): it no longer counts. */
    void released(GuardedConnection connection) {
        if (open.remove(connection)) {
            total.decrementAndGet();
            if (connection.address() != null) {
                perAddress.computeIfPresent(connection.address(), (a, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    void timedOut(GuardedConnection connection, GuardedConnection.Phase phase) {
        // DEBUG only: a slow or hostile client must not be able to fill the log.
        LOG.log(DEBUG, "closing connection from {0}: {1} timeout", connection.address(), phase);
    }

    private void checkAll() {
        long now = System.nanoTime();
        for (GuardedConnection connection : open) {
            try {
                connection.check(now);
            } catch (RuntimeException e) {
                LOG.log(DEBUG, "connection check failed", e);
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    // ---- HTTP/1.1 itself

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(BufferData data) {
        return http1.supports(data);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    /** Tells each connection when its request line and headers are parsed. */
    private static final class PhaseListener implements Http1ConnectionListener {
        @Override
        public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
            if (ctx instanceof GuardedConnection connection) {
                connection.requestLineRead();
            }
        }

        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            if (ctx instanceof GuardedConnection connection) {
                connection.headersRead();
            }
        }
    }
}
