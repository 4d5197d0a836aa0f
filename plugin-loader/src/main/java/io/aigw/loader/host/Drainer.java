package io.aigw.loader.host;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import static java.lang.System.Logger.Level.WARNING;

/**
 * Takes generations out of service. A retired generation takes no new requests at once; then,
 * gracefully (a reload, an unload), it is shut down once the requests it already took have
 * finished (bounded by the drain timeout), or, when it died, released at once so its in-flight
 * calls fail fast. Each retirement runs on a thread of its own, so no lane waits for a drain.
 */
final class Drainer {

    private static final System.Logger LOG = System.getLogger(Drainer.class.getName());
    /** While the host closes, in-flight requests get this long before their plugin is shut down. */
    private static final Duration CLOSE_DRAIN_LIMIT = Duration.ofSeconds(5);

    private final Duration drainTimeout;
    private final LifecycleRunner lifecycle;
    private final BooleanSupplier closing;
    private final Set<Thread> retiring = ConcurrentHashMap.newKeySet();

    Drainer(Duration drainTimeout, LifecycleRunner lifecycle, BooleanSupplier closing) {
        this.drainTimeout = drainTimeout;
        this.lifecycle = lifecycle;
        this.closing = closing;
    }

    void retire(Generation generation, boolean graceful) {
        generation.retire();
        generation.loaded().stopWatching();
        Duration drainLimit = closing.getAsBoolean() ? min(drainTimeout, CLOSE_DRAIN_LIMIT) : drainTimeout;
        Thread thread = Thread.ofVirtual().name("retire-" + generation).unstarted(() -> {
            try {
                release(generation, graceful, drainLimit);
            } finally {
                retiring.remove(Thread.currentThread());
            }
        });
        retiring.add(thread);
        thread.start();
    }

    /** Waits until every retirement started so far has finished, or {@code deadlineNanos} (nanoTime) passed. */
    void awaitRetired(long deadlineNanos) {
        for (Thread t : List.copyOf(retiring)) {
            try {
                t.join(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void release(Generation generation, boolean graceful, Duration drainLimit) {
        if (!graceful) {
            generation.loaded().close();
            return;
        }
        try {
            if (!generation.awaitDrained(drainLimit)) {
                LOG.log(WARNING, "{0}: {1} requests still running after {2}; shutting down anyway",
                        generation, generation.inFlight(), drainLimit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            lifecycle.run(generation.calls(), "shutdown", () -> {
                generation.plugin().shutdown();
                return null;
            }, () -> { });
        } catch (PluginLoadException e) {
            LOG.log(WARNING, "{0}: shutdown failed: {1}", generation, e.getMessage());
        } finally {
            generation.loaded().close();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
