package io.aigw.gateway.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;

import java.time.Duration;

/** A connection over a limit: answered 503 at once, without reading the request, then closed. */
final class RefusedConnection implements ServerConnection {

    private final ConnectionContext ctx;
    private final String reason;

    RefusedConnection(ConnectionContext ctx, String reason) {
        this.ctx = ctx;
        this.reason = reason;
    }

    @Override
    public void handle(Limit limit) {
        try {
            ctx.dataWriter().writeNow(BufferData.create(RawResponse.error(503, "too many connections: " + reason)));
        } catch (RuntimeException e) {
            // the client is already gone
        }
        // Helidon closes the socket when this returns.
    }

    @Override
    public Duration idleTime() {
        return Duration.ZERO;
    }

    @Override
    public void close(boolean interrupt) {
        // nothing runs long enough to be interrupted
    }
}
