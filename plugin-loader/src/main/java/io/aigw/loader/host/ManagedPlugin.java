package io.aigw.loader.host;

import io.aigw.loader.calls.CallLimits;
import io.aigw.loader.calls.PluginCalls;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.System.Logger.Level.WARNING;

/**
 * One plugin in the host: its desired spec (set by callers), its state (written only on its
 * lane), and its lane, the single thread its loads, reloads, restarts and unloads run on, one at
 * a time, in the order they were asked for.
 */
final class ManagedPlugin {

    private static final System.Logger LOG = System.getLogger(ManagedPlugin.class.getName());

    final long id;
    private final ExecutorService lane;
    private final CallLimits callLimits;
    /** What callers asked for last; {@link #spec} catches up on the lane. */
    volatile PluginSpec desired;
    volatile PluginSpec spec;
    volatile Generation serving;
    volatile PluginStatus status;
    /** Set when the plugin left the host; work still queued on its lane then finds nothing to do. */
    volatile boolean removed;
    int restarts;
    int nextGeneration = 1;
    int failuresInARow;
    long servingSinceNanos;
    ScheduledFuture<?> pendingRestart;
    /** Set while a start's plugin code runs, even after the lane gave up waiting for it. */
    final AtomicBoolean starting = new AtomicBoolean();
    private PluginCalls isolatedCalls;
    private PluginCalls inlineCalls;

    ManagedPlugin(PluginSpec spec, CallLimits callLimits) {
        this.id = spec.id();
        this.desired = spec;
        this.spec = spec;
        this.callLimits = callLimits;
        this.status = new PluginStatus(PluginState.STARTING, "", null, 0, Instant.now());
        this.lane = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("plugin-lifecycle-" + id).factory());
    }

    /** Kept for the plugin's lifetime in the host, so abandoned calls count across reloads. */
    PluginCalls calls(boolean inProcess) {
        if (inProcess) {
            if (isolatedCalls == null) {
                isolatedCalls = PluginCalls.isolated(spec.name(), callLimits,
                        Runtime.getRuntime().availableProcessors());
            }
            return isolatedCalls;
        }
        if (inlineCalls == null) {
            inlineCalls = PluginCalls.inline(spec.name(), callLimits);
        }
        return inlineCalls;
    }

    /** Queues {@code work} on the lane; the future completes when it ran (at once if the lane is closed). */
    CompletableFuture<Void> run(Runnable work) {
        try {
            return CompletableFuture.runAsync(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.log(WARNING, "plugin lifecycle task failed", e);
                }
            }, lane);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null); // removed meanwhile
        }
    }

    /** Marks the plugin removed and queues {@code work} as the last thing its lane does. */
    CompletableFuture<Void> runLast(Runnable work) {
        removed = true;
        CompletableFuture<Void> done = run(work);
        lane.shutdown();
        return done;
    }

    PluginEntry entry() {
        return new PluginEntry(spec, serving, status);
    }
}
