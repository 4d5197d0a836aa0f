package io.aigw.gateway.http;

import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The one place both HTTP servers (gateway and control plane) are built, so they share every
 * defence against hostile clients:
 * <ul>
 *   <li>connection limits, total and per client address, and idle/header/body timeouts
 *       ({@link HttpSettings}, enforced by {@link ConnectionGuard});</li>
 *   <li>no request smuggling through an unread body ({@link KeepAliveFilter}, the first filter);</li>
 *   <li>JSON errors with {@code X-Request-ID} for what Helidon refuses itself ({@link JsonDirectHandler});</li>
 *   <li>HTTP/1.1 only: HTTP/1.0 requests get a JSON 505;</li>
 *   <li>connection-level warnings a client can provoke are one line, rate-limited ({@link TransportLogFilter}).</li>
 * </ul>
 */
public final class HardenedServer {

    /**
     * Helidon's own cap on accepted sockets sits this far above ours, so connections over our limit
     * still get their 503; past it the listener stops accepting until a connection ends (it must
     * never run out of file descriptors: Helidon's listener stops for good when accept fails).
     */
    private static final int REFUSAL_HEADROOM = 64;

    /** Who makes sure every response header is safe to write (a token name, no control characters in values). */
    public enum ResponseHeaders {
        /** Helidon checks every header of every response as it writes it. */
        CHECKED_BY_SERVER,
        /**
         * The routes set only constant headers, values they made safe themselves, and plugin
         * headers they checked; Helidon's check of each header again, on every response, is skipped.
         */
        CHECKED_BY_ROUTES
    }

    private final WebServer server;
    private final ConnectionGuard guard;

    private HardenedServer(WebServer server, ConnectionGuard guard) {
        this.server = server;
        this.guard = guard;
    }

    /**
     * Starts serving {@code routes} on {@code host:port} (0 binds a free port, see {@link #port()}).
     *
     * @param name         names the watchdog thread
     * @param shutdownHook whether Helidon stops the server itself on JVM shutdown
     * @param shutdownGrace how long {@link #stop()} lets requests and streams in flight finish
     */
    public static HardenedServer start(String name, String host, int port, HttpSettings settings, boolean shutdownHook,
                                       Duration shutdownGrace, Consumer<HttpRouting.Builder> routes) {
        return start(name, host, port, settings, shutdownHook, shutdownGrace, ResponseHeaders.CHECKED_BY_SERVER, routes);
    }

    /** Like {@link #start(String, String, int, HttpSettings, boolean, Duration, Consumer)}, saying who checks response headers. */
    public static HardenedServer start(String name, String host, int port, HttpSettings settings, boolean shutdownHook,
                                       Duration shutdownGrace, ResponseHeaders responseHeaders,
                                       Consumer<HttpRouting.Builder> routes) {
        TransportLogFilter.install();
        ConnectionGuard guard = new ConnectionGuard(name, settings, responseHeaders == ResponseHeaders.CHECKED_BY_SERVER);
        DirectHandler json = new JsonDirectHandler();
        DirectHandlers.Builder directHandlers = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            directHandlers.addHandler(type, json);
        }
        try {
            WebServer server = WebServer.builder()
                    .host(host)
                    .port(port)
                    .shutdownHook(shutdownHook)
                    .shutdownGracePeriod(shutdownGrace)
                    // Our guarded HTTP/1.1 is the only protocol: nothing discovered on the classpath.
                    .protocolsDiscoverServices(false)
                    .addConnectionSelector(guard)
                    .maxTcpConnections(settings.maxConnections() + REFUSAL_HEADROOM)
                    // A streamed response is several writes (headers with the first chunk, then the
                    // last chunk): with Nagle's algorithm the last one waits for the client's delayed
                    // ACK, 40 ms on Linux, on every streamed answer (bench/mcp.sh showed it).
                    .connectionOptions(o -> o.tcpNoDelay(true))
                    .directHandlers(directHandlers.build())
                    // Lets Helidon's harmless details ("Chunk size is invalid") reach JsonDirectHandler.
                    .errorHandling(e -> e.includeEntity(true))
                    .routing(r -> {
                        r.addFilter(new KeepAliveFilter());
                        routes.accept(r);
                    })
                    .build()
                    .start();
            return new HardenedServer(server, guard);
        } catch (RuntimeException e) {
            guard.close();
            throw e;
        }
    }

    /** The port actually bound. */
    public int port() {
        return server.port();
    }

    public void stop() {
        try {
            server.stop();
        } finally {
            guard.close();
        }
    }
}
