package io.aigw.loader.host;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Watches serving generations that can die on their own (external processes). When one dies its
 * plugin is unavailable at once (its routes answer 503) and is restarted after a back-off that
 * grows with failures in a row ({@link RestartPolicy}). One watch per plugin, stopped when its
 * generation is retired; at most one restart pending per plugin, cancelled by any load or unload.
 */
final class RestartSupervisor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RestartSupervisor.class.getName());

    private final RestartPolicy policy;
    private final GenerationStarter starter;
    private final Drainer drainer;
    private final HostListeners listeners;
    private final BooleanSupplier closing;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "plugin-restart-timer");
        t.setDaemon(true);
        return t;
    });

    RestartSupervisor(RestartPolicy policy, GenerationStarter starter, Drainer drainer, HostListeners listeners,
                      BooleanSupplier closing) {
        this.policy = policy;
        this.starter = starter;
        this.drainer = drainer;
        this.listeners = listeners;
        this.closing = closing;
    }

    /** Starts watching {@code generation}, which has just started serving {@code m}. */
    void watch(ManagedPlugin m, Generation generation) {
        m.servingSinceNanos = System.nanoTime();
        generation.loaded().watch(reason -> m.run(() -> died(m, generation, reason)));
    }

    /** Runs on the plugin's lane: a load or unload supersedes any restart still pending. */
    void cancelRestart(ManagedPlugin m) {
        if (m.pendingRestart != null) {
            m.pendingRestart.cancel(false);
            m.pendingRestart = null;
        }
    }

    /** The serving generation is gone: unavailable at once, restarted after the back-off. */
    private void died(ManagedPlugin m, Generation generation, String reason) {
        if (closing.getAsBoolean() || m.removed || m.serving != generation) {
            return;
        }
        m.serving = null;
        boolean wasStable = System.nanoTime() - m.servingSinceNanos >= policy.stableAfter().toNanos();
        m.failuresInARow = wasStable ? 1 : m.failuresInARow + 1;
        Duration delay = policy.delay(m.failuresInARow);
        LOG.log(WARNING, "Plugin {0} (id {1}) died: {2}; restarting in {3} ms", m.spec.name(), m.spec.id(), reason,
                delay.toMillis());
        m.status = new PluginStatus(PluginState.RESTARTING, "", reason, m.restarts, Instant.now());
        listeners.changed();
        drainer.retire(generation, false);
        schedule(m, delay);
    }

    private void schedule(ManagedPlugin m, Duration delay) {
        PluginSpec spec = m.spec;
        try {
            m.pendingRestart = timer.schedule(() -> m.run(() -> restart(m, spec)), delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the host is closing
        }
    }

    private void restart(ManagedPlugin m, PluginSpec spec) {
        if (closing.getAsBoolean() || m.removed || m.spec != spec || m.serving != null
                || m.status.state() != PluginState.RESTARTING) {
            return;
        }
        m.pendingRestart = null;
        try {
            Generation next = starter.start(m, spec);
            m.serving = next;
            m.restarts++;
            m.status = new PluginStatus(PluginState.RUNNING, next.version(), null, m.restarts, Instant.now(),
                    next.process());
            LOG.log(INFO, "Plugin {0} (id {1}) restarted: generation {2} serving (restart {3})", spec.name(),
                    spec.id(), next.number(), m.restarts);
            listeners.changed();
            watch(m, next);
        } catch (PluginLoadException e) {
            m.failuresInARow++;
            Duration delay = policy.delay(m.failuresInARow);
            LOG.log(WARNING, "Plugin {0} (id {1}) restart failed: {2}; next attempt in {3} ms", spec.name(),
                    spec.id(), e.getMessage(), delay.toMillis());
            m.status = new PluginStatus(PluginState.RESTARTING, "", "restart failed: " + e.getMessage(), m.restarts,
                    m.status.since());
            listeners.changed();
            schedule(m, delay);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
