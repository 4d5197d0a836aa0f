package io.aigw.loader.host;

import io.aigw.loader.calls.CallLimits;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Keeps the managed plugins equal to the desired {@link PluginSpec}s: new specs are loaded,
 * changed ones reloaded (the new generation takes over before the old one drains), removed ones
 * unloaded. Each change runs on its plugin's lane; nothing here waits for another plugin's.
 */
final class Reconciler {

    private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());

    private final Map<Long, ManagedPlugin> plugins = new ConcurrentHashMap<>();
    private final Object desiredLock = new Object();
    private final AtomicBoolean closing;
    private final CallLimits callLimits;
    private final GenerationStarter starter;
    private final RestartSupervisor supervisor;
    private final Drainer drainer;
    private final HostListeners listeners;

    Reconciler(AtomicBoolean closing, CallLimits callLimits, GenerationStarter starter, RestartSupervisor supervisor,
               Drainer drainer, HostListeners listeners) {
        this.closing = closing;
        this.callLimits = callLimits;
        this.starter = starter;
        this.supervisor = supervisor;
        this.drainer = drainer;
        this.listeners = listeners;
    }

    Optional<ManagedPlugin> plugin(long id) {
        return Optional.ofNullable(plugins.get(id));
    }

    Collection<ManagedPlugin> plugins() {
        return plugins.values();
    }

    /** Plugins whose spec did not change are not touched, so their lanes are never waited for. */
    CompletableFuture<Void> apply(Collection<PluginSpec> desired) {
        List<CompletableFuture<Void>> changes = new ArrayList<>();
        synchronized (desiredLock) {
            if (closing.get()) {
                return CompletableFuture.completedFuture(null);
            }
            Set<Long> wanted = new HashSet<>();
            for (PluginSpec spec : desired) {
                wanted.add(spec.id());
                ManagedPlugin m = plugins.get(spec.id());
                if (m == null) {
                    ManagedPlugin created = new ManagedPlugin(spec, callLimits);
                    plugins.put(spec.id(), created);
                    changes.add(created.run(() -> load(created, spec)));
                } else if (!m.desired.equals(spec)) {
                    m.desired = spec;
                    changes.add(m.run(() -> load(m, spec)));
                }
            }
            for (ManagedPlugin m : List.copyOf(plugins.values())) {
                if (!wanted.contains(m.id)) {
                    // removed first, so the route table rebuilt by stop() no longer holds its slug
                    plugins.remove(m.id);
                    changes.add(m.runLast(() -> stop(m, PluginState.STOPPED, null)));
                }
            }
        }
        return all(changes);
    }

    /** A fresh generation of one plugin, e.g. after an admin's reload request. */
    CompletableFuture<Void> reload(long id) {
        ManagedPlugin m = plugins.get(id);
        return m == null ? CompletableFuture.completedFuture(null) : m.run(() -> load(m, m.spec));
    }

    CompletableFuture<Void> reloadWhere(Predicate<PluginSpec> which) {
        return all(plugins.values().stream().filter(m -> which.test(m.desired))
                .map(m -> m.run(() -> load(m, m.spec))).toList());
    }

    CompletableFuture<Void> unloadWhere(Predicate<PluginSpec> which, String reason) {
        return all(plugins.values().stream().filter(m -> which.test(m.desired))
                .map(m -> m.run(() -> stop(m, PluginState.FAILED, reason))).toList());
    }

    /** Takes no more changes and unloads every plugin; the future completes when each was stopped. */
    CompletableFuture<Void> unloadAll() {
        synchronized (desiredLock) {
            closing.set(true);
            List<CompletableFuture<Void>> stops = new ArrayList<>();
            for (ManagedPlugin m : List.copyOf(plugins.values())) {
                plugins.remove(m.id);
                stops.add(m.runLast(() -> stop(m, PluginState.STOPPED, null)));
            }
            return all(stops);
        }
    }

    // ---- on the plugin's lane

    private void load(ManagedPlugin m, PluginSpec spec) {
        supervisor.cancelRestart(m);
        Generation previous = m.serving;
        m.spec = spec;
        if (previous == null) {
            m.status = new PluginStatus(PluginState.STARTING, "", null, m.restarts, Instant.now());
            listeners.changed();
        }
        try {
            Generation next = starter.start(m, spec);
            m.serving = next;
            if (previous != null) {
                m.restarts++;
            }
            m.status = new PluginStatus(PluginState.RUNNING, next.version(), null, m.restarts, Instant.now(),
                    next.process());
            LOG.log(INFO, "Plugin {0} (id {1}) serving generation {2}{3}", spec.name(), spec.id(), next.number(),
                    next.version().isEmpty() ? "" : " version " + next.version());
            listeners.changed();
            supervisor.watch(m, next);
            if (previous != null) {
                drainer.retire(previous, true);
            }
        } catch (PluginLoadException e) {
            LOG.log(WARNING, "Plugin {0} (id {1}) failed to load: {2}", spec.name(), spec.id(), e.getMessage());
            m.status = previous == null
                    ? new PluginStatus(PluginState.FAILED, "", e.getMessage(), m.restarts, Instant.now())
                    : new PluginStatus(PluginState.RUNNING, previous.version(),
                    "reload failed, still serving the previous generation: " + e.getMessage(), m.restarts,
                    m.status.since(), previous.process());
            listeners.changed();
        }
    }

    private void stop(ManagedPlugin m, PluginState state, String reason) {
        supervisor.cancelRestart(m);
        Generation previous = m.serving;
        m.serving = null;
        m.status = new PluginStatus(state, "", reason, m.restarts, Instant.now());
        listeners.changed();
        if (previous != null) {
            LOG.log(INFO, "Plugin {0} (id {1}) unloading{2}", m.spec.name(), m.spec.id(),
                    reason == null ? "" : ": " + reason);
            drainer.retire(previous, true);
        }
    }

    private static CompletableFuture<Void> all(List<CompletableFuture<Void>> changes) {
        return CompletableFuture.allOf(changes.toArray(CompletableFuture[]::new));
    }
}
