package io.aigw.gateway.edge;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Reconnection delays: doubling from {@code initial} up to {@code max}, with jitter so edges do not reconnect in step. */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    public Backoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.nextMillis = initialMillis;
    }

    /** The delay before the next attempt, between half and all of the current step. */
    public Duration next() {
        long step = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return Duration.ofMillis(step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
    }

    public void reset() {
        nextMillis = initialMillis;
    }
}
