package io.aigw.gateway.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps Helidon's connection-level warnings (a client's broken or abandoned connection, seen by
 * its HTTP/1.1 loop and connection handler) from flooding the log: each becomes one line without
 * a stack trace, and at most one per {@link #INTERVAL} and logger gets through, naming how many
 * were left out. The cases we know of are answered before they reach these loggers (see
 * {@link GuardedConnection}); this bounds the ones we do not. Warnings of the routing layer, where
 * our own handlers' failures are logged, keep their stack traces.
 */
final class TransportLogFilter implements Filter {

    static final Duration INTERVAL = Duration.ofSeconds(10);

    /** Held here: java.util.logging keeps loggers only weakly, and a collected one forgets its filter. */
    private static final List<Logger> TRANSPORT_LOGGERS = List.of(
            Logger.getLogger("io.helidon.webserver.http1.Http1Connection"),
            Logger.getLogger("io.helidon.webserver.ConnectionHandler"));

    private final Filter next;
    private final AtomicLong nextAt = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    private TransportLogFilter(Filter next) {
        this.next = next;
    }

    /** Installs the filter on Helidon's transport loggers (once; later calls change nothing). */
    static synchronized void install() {
        for (Logger logger : TRANSPORT_LOGGERS) {
            if (!(logger.getFilter() instanceof TransportLogFilter)) {
                logger.setFilter(new TransportLogFilter(logger.getFilter()));
            }
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (next != null && !next.isLoggable(record)) {
            return false;
        }
        if (record.getLevel().intValue() < Level.WARNING.intValue() || record.getThrown() == null) {
            return true;
        }
        long now = System.nanoTime();
        long at = nextAt.get();
        if (now - at < 0 || !nextAt.compareAndSet(at, now + INTERVAL.toNanos())) {
            suppressed.incrementAndGet();
            return false;
        }
        Throwable thrown = record.getThrown();
        long left = suppressed.getAndSet(0);
        record.setThrown(null);
        record.setParameters(null);
        // No parameters: the message is printed as is. Control characters (a client's bytes may be
        // quoted in an exception message) cannot forge log lines.
        record.setMessage((record.getMessage() + " (" + thrown.getClass().getSimpleName() + ": " + thrown.getMessage()
                + ")").replaceAll("\\p{Cntrl}", "?")
                + (left == 0 ? "" : "; " + left + " more like it since the last one"));
        return true;
    }
}
