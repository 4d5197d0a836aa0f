package io.aigw.gateway.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.System.Logger.Level.WARNING;

/**
 * A warning a client can cause over and over, logged at most once per interval with a count of
 * the ones left out, so a flood of bad connections cannot flood the log.
 */
final class RateLimitedLog {

    private final System.Logger log;
    private final Duration interval;
    private final AtomicLong nextAt;
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(System.Logger log, Duration interval) {
        this.log = log;
        this.interval = interval;
        this.nextAt = new AtomicLong(System.nanoTime());
    }

    void warn(String message) {
        long now = System.nanoTime();
        long next = nextAt.get();
        if (now - next >= 0 && nextAt.compareAndSet(next, now + interval.toNanos())) {
            long left = suppressed.getAndSet(0);
            log.log(WARNING, left == 0 ? message
                    : message + " (" + left + " more like it since the last such warning)");
        } else {
            suppressed.incrementAndGet();
        }
    }
}
