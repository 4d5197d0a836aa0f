package io.aigw.loader.host;

import io.aigw.loader.calls.CallLimits;
import io.aigw.loader.calls.PluginBusyException;
import io.aigw.loader.calls.PluginCalls;
import io.aigw.loader.store.PluginStorage;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Keeps the running plugins equal to the desired {@link PluginSpec}s: loads new ones, reloads
 * changed ones (the new generation takes over before the old one drains), unloads removed ones.
 *
 * <p>Each plugin has a lifecycle lane of its own: its loads, reloads, restarts and unloads run one
 * at a time, in the order they were asked for, and never wait on another plugin's. A plugin stuck
 * in {@code initialize()} delays only itself (bounded by the init timeout), and is not started a
 * second time while the first attempt still runs. Requests never wait for any lane.
 *
 * <p>Plugins that can die on their own (external processes) are watched while they serve: when
 * one dies its routes go unavailable at once (503), and it is restarted after a back-off that
 * grows with failures in a row ({@link RestartPolicy}). One watch per plugin, stopped when its
 * generation is retired.
 */
public final class PluginHost implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());
    /** While closing, in-flight requests get this long before their plugin is shut down. */
    private static final Duration CLOSE_DRAIN_LIMIT = Duration.ofSeconds(5);
    /** How long closing waits for plugins to drain and shut down. */
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(15);

    private final List<PluginLauncher> launchers;
    private final PluginStorage storage;
    private final Duration initTimeout;
    private final Duration drainTimeout;
    private final RestartPolicy restartPolicy;
    private final CallLimits callLimits;
    private final ScheduledExecutorService restartTimer;
    private final Set<Thread> retiring = ConcurrentHashMap.newKeySet();
    private final Object desiredLock = new Object();
    private final Object listenersLock = new Object();
    private volatile boolean closed;
    private final Map<Long, Managed> plugins = new ConcurrentHashMap<>();
    private final List<PluginHostListener> listeners = new CopyOnWriteArrayList<>();

    /** One plugin: its desired spec (set by callers) and its state (written only on its lane). */
    private final class Managed {
        final long id;
        final ExecutorService lane;
        volatile PluginSpec desired;
        volatile PluginSpec spec;
        volatile Generation serving;
        volatile PluginStatus status;
        int restarts;
        int nextGeneration = 1;
        int failuresInARow;
        long servingSinceNanos;
        ScheduledFuture<?> pendingRestart;
        /** Set while a start's plugin code runs, even after the lane gave up waiting for it. */
        final AtomicBoolean starting = new AtomicBoolean();
        private PluginCalls isolatedCalls;
        private PluginCalls inlineCalls;

        Managed(PluginSpec spec) {
            this.id = spec.id();
            this.desired = spec;
            this.spec = spec;
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
    }

    public PluginHost(List<PluginLauncher> launchers, Duration initTimeout, Duration drainTimeout) {
        this(launchers, initTimeout, drainTimeout, RestartPolicy.DEFAULT, CallLimits.DEFAULT);
    }

    public PluginHost(List<PluginLauncher> launchers, Duration initTimeout, Duration drainTimeout,
                      RestartPolicy restartPolicy) {
        this(launchers, initTimeout, drainTimeout, restartPolicy, CallLimits.DEFAULT);
    }

    public PluginHost(List<PluginLauncher> launchers, Duration initTimeout, Duration drainTimeout,
                      RestartPolicy restartPolicy, CallLimits callLimits) {
        this(launchers, initTimeout, drainTimeout, restartPolicy, callLimits, PluginStorage.NONE);
    }

    /**
     * @param storage where each plugin's {@code PluginContext.store()} comes from: the control
     *                plane's database, or none (an edge)
     */
    public PluginHost(List<PluginLauncher> launchers, Duration initTimeout, Duration drainTimeout,
                      RestartPolicy restartPolicy, CallLimits callLimits, PluginStorage storage) {
        this.storage = storage;
        this.launchers = List.copyOf(launchers);
        this.initTimeout = initTimeout;
        this.drainTimeout = drainTimeout;
        this.restartPolicy = restartPolicy;
        this.callLimits = callLimits;
        this.restartTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugin-restart-timer");
            t.setDaemon(true);
            return t;
        });
    }

    public void addListener(PluginHostListener listener) {
        listeners.add(listener);
    }

    /**
     * Makes the running plugins match {@code desired}; returns when every plugin this changed is
     * loaded, has failed, or has passed its init timeout.
     */
    public void apply(Collection<PluginSpec> desired) {
        await(applyAsync(desired));
    }

    /**
     * Starts making the running plugins match {@code desired} and returns at once; the future
     * completes when the plugins this changed are settled. Plugins whose spec did not change are
     * not touched, so a call that changes none completes at once, however busy a lane is.
     */
    public CompletableFuture<Void> applyAsync(Collection<PluginSpec> desired) {
        List<CompletableFuture<Void>> changes = new ArrayList<>();
        synchronized (desiredLock) {
            if (closed) {
                return CompletableFuture.completedFuture(null);
            }
            Set<Long> wanted = new HashSet<>();
            for (PluginSpec spec : desired) {
                wanted.add(spec.id());
                Managed m = plugins.get(spec.id());
                if (m == null) {
                    Managed created = new Managed(spec);
                    plugins.put(spec.id(), created);
                    changes.add(created.run(() -> load(created, spec)));
                } else if (!m.desired.equals(spec)) {
                    m.desired = spec;
                    changes.add(m.run(() -> load(m, spec)));
                }
            }
            for (Managed m : List.copyOf(plugins.values())) {
                if (!wanted.contains(m.id)) {
                    // removed first, so the route table rebuilt by stop() no longer holds its slug
                    plugins.remove(m.id);
                    changes.add(m.run(() -> stop(m, PluginState.STOPPED, null)));
                    m.lane.shutdown();
                }
            }
        }
        return CompletableFuture.allOf(changes.toArray(CompletableFuture[]::new));
    }

    /** Loads a fresh generation of one plugin, e.g. after an admin's reload request. */
    public void reload(long pluginId) {
        Managed m = plugins.get(pluginId);
        if (m != null) {
            await(m.run(() -> load(m, m.spec)));
        }
    }

    /** Reloads every plugin started by {@code command}, e.g. when its jar was replaced. */
    public void reloadCommand(String command) {
        await(CompletableFuture.allOf(plugins.values().stream()
                .filter(m -> m.desired.command().equals(command))
                .map(m -> m.run(() -> load(m, m.spec)))
                .toArray(CompletableFuture[]::new)));
    }

    /** Unloads every plugin started by {@code command}, e.g. when its jar was deleted. */
    public void unloadCommand(String command, String reason) {
        await(CompletableFuture.allOf(plugins.values().stream()
                .filter(m -> m.desired.command().equals(command))
                .map(m -> m.run(() -> stop(m, PluginState.FAILED, reason)))
                .toArray(CompletableFuture[]::new)));
    }

    public Optional<PluginStatus> status(long pluginId) {
        Managed m = plugins.get(pluginId);
        return m == null ? Optional.empty() : Optional.of(m.status);
    }

    /** Every managed plugin with the generation serving it, if any. */
    public List<PluginEntry> entries() {
        List<PluginEntry> list = new ArrayList<>();
        plugins.values().forEach(m -> list.add(new PluginEntry(m.spec, m.serving, m.status)));
        return list;
    }

    /**
     * Unloads every plugin and waits (bounded) until each has been shut down and closed, so no
     * plugin process outlives the host.
     */
    @Override
    public void close() {
        CompletableFuture<Void> stopped;
        synchronized (desiredLock) {
            closed = true;
            List<CompletableFuture<Void>> stops = new ArrayList<>();
            for (Managed m : List.copyOf(plugins.values())) {
                plugins.remove(m.id);
                stops.add(m.run(() -> stop(m, PluginState.STOPPED, null)));
                m.lane.shutdown();
            }
            stopped = CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new));
        }
        long end = System.nanoTime() + CLOSE_LIMIT.toNanos();
        try {
            stopped.get(CLOSE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(WARNING, "plugins did not all stop within {0}", CLOSE_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        restartTimer.shutdownNow();
        for (Thread t : List.copyOf(retiring)) {
            try {
                t.join(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    private void load(Managed m, PluginSpec spec) {
        cancelRestart(m);
        Generation previous = m.serving;
        m.spec = spec;
        if (previous == null) {
            m.status = new PluginStatus(PluginState.STARTING, "", null, m.restarts, Instant.now());
            notifyListeners();
        }
        try {
            Generation next = start(m, spec);
            m.serving = next;
            m.servingSinceNanos = System.nanoTime();
            if (previous != null) {
                m.restarts++;
            }
            m.status = new PluginStatus(PluginState.RUNNING, next.version(), null, m.restarts, Instant.now(),
                    next.process());
            LOG.log(INFO, "Plugin {0} (id {1}) serving generation {2}{3}", spec.name(), spec.id(), next.number(),
                    next.version().isEmpty() ? "" : " version " + next.version());
            notifyListeners();
            watch(m, next);
            if (previous != null) {
                retire(previous, true);
            }
        } catch (PluginLoadException e) {
            LOG.log(WARNING, "Plugin {0} (id {1}) failed to load: {2}", spec.name(), spec.id(), e.getMessage());
            m.status = previous == null
                    ? new PluginStatus(PluginState.FAILED, "", e.getMessage(), m.restarts, Instant.now())
                    : new PluginStatus(PluginState.RUNNING, previous.version(),
                    "reload failed, still serving the previous generation: " + e.getMessage(), m.restarts,
                    m.status.since(), previous.process());
            notifyListeners();
        }
    }

    /**
     * Launches and initializes a new generation on the plugin's own threads, bounded by the init
     * timeout. A start whose plugin code is still running from an earlier attempt is refused.
     */
    private Generation start(Managed m, PluginSpec spec) throws PluginLoadException {
        PluginLauncher launcher = launchers.stream().filter(l -> l.handles(spec.command())).findFirst()
                .orElseThrow(() -> new PluginLoadException("unsupported command '" + spec.command()
                        + "' (expected pf4j:<id>, file:///path or grpc://host:port)"));
        if (m.starting.get()) {
            throw new PluginLoadException("the previous start of this plugin is still running (stuck in its "
                    + "constructor or initialize()); not starting another until it returns");
        }
        PluginCalls calls = m.calls(launcher.inProcess());
        int number = m.nextGeneration++;
        AtomicBoolean abandoned = new AtomicBoolean();
        return lifecycle(calls, "initialize", () -> {
            m.starting.set(true);
            try {
                LoadedPlugin loaded;
                try {
                    loaded = launcher.launch(spec);
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (RuntimeException | Error e) {
                    // Anything a launcher lets escape fails this plugin with the reason, never
                    // leaves it "starting".
                    throw new PluginLoadException("launch failed: " + describe(e), e);
                }
                try {
                    loaded.plugin().initialize(HostPluginContext.of(spec.name(), storage.forPlugin(spec.id())),
                            spec.config());
                    List<EndpointRegistration> registrations = loaded.plugin() instanceof CustomEndpointHandler h
                            ? List.copyOf(h.getEndpointRegistrations()) : List.of();
                    Generation g = new Generation(spec, number, loaded, registrations, calls);
                    synchronized (abandoned) {
                        if (!abandoned.get()) {
                            return g;
                        }
                    }
                    loaded.close(); // the host gave up on this start while it ran
                    return null;
                } catch (Throwable t) {
                    loaded.close();
                    throw t;
                }
            } finally {
                m.starting.set(false);
            }
        }, () -> {
            synchronized (abandoned) {
                abandoned.set(true);
            }
        });
    }

    private void stop(Managed m, PluginState state, String reason) {
        cancelRestart(m);
        Generation previous = m.serving;
        m.serving = null;
        m.status = new PluginStatus(state, "", reason, m.restarts, Instant.now());
        notifyListeners();
        if (previous != null) {
            LOG.log(INFO, "Plugin {0} (id {1}) unloading{2}", m.spec.name(), m.spec.id(),
                    reason == null ? "" : ": " + reason);
            retire(previous, true);
        }
    }

    // ---- supervision

    private void watch(Managed m, Generation generation) {
        generation.loaded().watch(reason -> m.run(() -> generationDied(m, generation, reason)));
    }

    /** The serving generation is gone: unavailable at once, restarted after the back-off. */
    private void generationDied(Managed m, Generation generation, String reason) {
        if (closed || plugins.get(m.id) != m || m.serving != generation) {
            return;
        }
        m.serving = null;
        boolean wasStable = System.nanoTime() - m.servingSinceNanos >= restartPolicy.stableAfter().toNanos();
        m.failuresInARow = wasStable ? 1 : m.failuresInARow + 1;
        Duration delay = restartPolicy.delay(m.failuresInARow);
        LOG.log(WARNING, "Plugin {0} (id {1}) died: {2}; restarting in {3} ms", m.spec.name(), m.spec.id(), reason,
                delay.toMillis());
        m.status = new PluginStatus(PluginState.RESTARTING, "", reason, m.restarts, Instant.now());
        notifyListeners();
        retire(generation, false);
        scheduleRestart(m, delay);
    }

    private void scheduleRestart(Managed m, Duration delay) {
        PluginSpec spec = m.spec;
        try {
            m.pendingRestart = restartTimer.schedule(() -> m.run(() -> restart(m, spec)),
                    delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the host is closing
        }
    }

    private void cancelRestart(Managed m) {
        if (m.pendingRestart != null) {
            m.pendingRestart.cancel(false);
            m.pendingRestart = null;
        }
    }

    private void restart(Managed m, PluginSpec spec) {
        if (closed || plugins.get(spec.id()) != m || m.spec != spec || m.serving != null
                || m.status.state() != PluginState.RESTARTING) {
            return;
        }
        m.pendingRestart = null;
        try {
            Generation next = start(m, spec);
            m.serving = next;
            m.servingSinceNanos = System.nanoTime();
            m.restarts++;
            m.status = new PluginStatus(PluginState.RUNNING, next.version(), null, m.restarts, Instant.now(),
                    next.process());
            LOG.log(INFO, "Plugin {0} (id {1}) restarted: generation {2} serving (restart {3})", spec.name(),
                    spec.id(), next.number(), m.restarts);
            notifyListeners();
            watch(m, next);
        } catch (PluginLoadException e) {
            m.failuresInARow++;
            Duration delay = restartPolicy.delay(m.failuresInARow);
            LOG.log(WARNING, "Plugin {0} (id {1}) restart failed: {2}; next attempt in {3} ms", spec.name(),
                    spec.id(), e.getMessage(), delay.toMillis());
            m.status = new PluginStatus(PluginState.RESTARTING, "", "restart failed: " + e.getMessage(), m.restarts,
                    m.status.since());
            notifyListeners();
            scheduleRestart(m, delay);
        }
    }

    // ---- retiring

    /**
     * Takes the generation out of service. Gracefully: shuts it down once its in-flight requests
     * finish. Otherwise (it died): releases it at once; its in-flight calls fail fast.
     */
    private void retire(Generation generation, boolean graceful) {
        generation.retire();
        generation.loaded().stopWatching();
        Duration drainLimit = closed ? min(drainTimeout, CLOSE_DRAIN_LIMIT) : drainTimeout;
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
            lifecycle(generation.calls(), "shutdown", () -> {
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

    /**
     * Runs lifecycle plugin code on the plugin's threads with the init timeout; whatever goes wrong
     * becomes a {@link PluginLoadException}.
     */
    private <T> T lifecycle(PluginCalls calls, String what, Callable<T> work, Runnable onAbandon)
            throws PluginLoadException {
        try {
            return calls.lifecycle(what, work, initTimeout);
        } catch (TimeoutException e) {
            onAbandon.run();
            throw new PluginLoadException(what + " did not finish within " + initTimeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PluginLoadException p) {
                throw p;
            }
            throw new PluginLoadException(what + " failed: " + describe(cause), cause);
        } catch (PluginBusyException e) {
            throw new PluginLoadException(what + " refused: " + e.getMessage());
        } catch (InterruptedException e) {
            onAbandon.run();
            Thread.currentThread().interrupt();
            throw new PluginLoadException(what + " was interrupted");
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    /** One at a time, so each listener's view of {@link #entries()} is never older than the last. */
    private void notifyListeners() {
        synchronized (listenersLock) {
            for (PluginHostListener listener : listeners) {
                try {
                    listener.pluginsChanged();
                } catch (RuntimeException e) {
                    LOG.log(WARNING, "plugin listener failed", e);
                }
            }
        }
    }

    private static void await(CompletableFuture<?> done) {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(WARNING, "plugin lifecycle task failed", e.getCause());
        }
    }
}
