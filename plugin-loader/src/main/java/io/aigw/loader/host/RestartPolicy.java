package io.aigw.loader.host;

import java.time.Duration;

/**
 * When to restart a plugin that died: after {@code initialDelay}, doubling with every failure in a
 * row up to {@code maxDelay}; a plugin that had been serving for {@code stableAfter} starts over.
 */
public record RestartPolicy(Duration initialDelay, Duration maxDelay, Duration stableAfter) {

    public static final RestartPolicy DEFAULT =
            new RestartPolicy(Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(60));

    /** The delay before attempt {@code failures} (1 = the first failure in a row). */
    public Duration delay(int failures) {
        long millis = initialDelay.toMillis();
        for (int i = 1; i < failures && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
