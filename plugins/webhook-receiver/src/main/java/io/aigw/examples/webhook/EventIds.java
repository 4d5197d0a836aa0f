package io.aigw.examples.webhook;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Event ids that sort newest first: 16 hex digits counting down from {@link Long#MAX_VALUE} in
 * microseconds since the epoch, then 4 random characters ({@code 7ff9c1d0e2f4a3b1-k3x9}). The
 * plugin store lists keys in ascending order only, so this order is what lets a listing start
 * at the newest event, and retention find the oldest, one page at a time. Within a process ids
 * strictly decrease; the suffix keeps two processes (an old and a new generation during a
 * reload) from ever writing the same key.
 */
final class EventIds {

    static final Pattern FORMAT = Pattern.compile("[0-9a-f]{16}-[a-z2-9]{4}");
    private static final char[] SUFFIX = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AtomicLong lastMicros = new AtomicLong();

    /** A fresh id for an event received at {@code now}. */
    String next(Instant now) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        long unique = lastMicros.updateAndGet(last -> Math.max(last + 1, micros));
        StringBuilder id = new StringBuilder(21).append(String.format("%016x", Long.MAX_VALUE - unique)).append('-');
        for (int i = 0; i < 4; i++) {
            id.append(SUFFIX[RANDOM.nextInt(SUFFIX.length)]);
        }
        return id.toString();
    }

    static boolean isWellFormed(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
