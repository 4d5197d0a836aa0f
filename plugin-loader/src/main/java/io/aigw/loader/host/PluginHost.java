package io.aigw.loader.host;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Keeps the running plugins equal to the desired {@link PluginSpec}s: loads new ones, reloads
 * changed ones (the new generation takes over before the old one drains), unloads removed ones.
 * All lifecycle work runs on one thread, so changes never interleave; requests never wait for it.
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
    private final Duration initTimeout;
    private final Duration drainTimeout;
    private final RestartPolicy restartPolicy;
    private final ExecutorService lifecycle;
    private final ScheduledExecutorService restartTimer;
    private final Set<Thread> retiring = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final Map<Long, Managed> plugins = new ConcurrentHashMap<>();
    private final List<PluginHostListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Thread lifecycleThread;

    /** Mutable state of one plugin; written only on the lifecycle thread. */
    private static final class Managed {
        volatile PluginSpec spec;
        volatile Generation serving;
        volatile PluginStatus status;
        int restarts;
        int nextGeneration = 1;
        int failuresInARow;
        long servingSinceNanos;
        ScheduledFuture<?> pendingRestart;

        Managed(PluginSpec spec) {
            this.spec = spec;
            this.status = new PluginStatus(PluginState.STARTING, "", null, 0, Instant.now());
        }
    }

    public PluginHost(List<PluginLauncher> launchers, Duration initTimeout, Duration drainTimeout) {
        this(launchers, initTimeout, drainTimeout, RestartPolicy.DEFAULT);
    }

    public PluginHost(List<PluginLauncher> launchers, Duration initTimeout, Duration drainTimeout,
                      RestartPolicy restartPolicy) {
        this.launchers = List.copyOf(launchers);
        this.initTimeout = initTimeout;
        this.drainTimeout = drainTimeout;
        this.restartPolicy = restartPolicy;
        this.restartTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugin-restart-timer");
            t.setDaemon(true);
            return t;
        });
        this.lifecycle = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "plugin-lifecycle");
            t.setDaemon(true);
            lifecycleThread = t;
            return t;
        });
    }

    public void addListener(PluginHostListener listener) {
        listeners.add(listener);
    }

    /** Makes the running plugins match {@code desired}; returns when done. */
    public void apply(Collection<PluginSpec> desired) {
        onLifecycleThread(() -> reconcile(desired));
    }

    /** Loads a fresh generation of one plugin, e.g. after an admin's reload request. */
    public void reload(long pluginId) {
        onLifecycleThread(() -> {
            Managed m = plugins.get(pluginId);
            if (m != null) {
                load(m, m.spec);
            }
        });
    }

    /** Reloads every plugin started by {@code command}, e.g. when its jar was replaced. */
    public void reloadCommand(String command) {
        onLifecycleThread(() -> plugins.values().stream()
                .filter(m -> m.spec.command().equals(command))
                .forEach(m -> load(m, m.spec)));
    }

    /** Unloads every plugin started by {@code command}, e.g. when its jar was deleted. */
    public void unloadCommand(String command, String reason) {
        onLifecycleThread(() -> plugins.values().stream()
                .filter(m -> m.spec.command().equals(command))
                .forEach(m -> stop(m, PluginState.FAILED, reason)));
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
        onLifecycleThread(() -> {
            closed = true;
            reconcile(List.of());
        });
        restartTimer.shutdownNow();
        long end = System.nanoTime() + CLOSE_LIMIT.toNanos();
        for (Thread t : List.copyOf(retiring)) {
            try {
                t.join(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        lifecycle.shutdown();
    }

    private void reconcile(Collection<PluginSpec> desired) {
        Set<Long> wanted = new HashSet<>();
        for (PluginSpec spec : desired) {
            wanted.add(spec.id());
            Managed m = plugins.get(spec.id());
            if (m == null) {
                m = new Managed(spec);
                plugins.put(spec.id(), m);
                load(m, spec);
            } else if (!m.spec.equals(spec)) {
                load(m, spec);
            }
        }
        for (Managed m : List.copyOf(plugins.values())) {
            if (!wanted.contains(m.spec.id())) {
                // removed first, so the route table rebuilt by stop() no longer holds its slug
                plugins.remove(m.spec.id());
                stop(m, PluginState.STOPPED, null);
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
            Generation next = start(spec, m.nextGeneration++);
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

    private Generation start(PluginSpec spec, int number) throws PluginLoadException {
        PluginLauncher launcher = launchers.stream().filter(l -> l.handles(spec.command())).findFirst()
                .orElseThrow(() -> new PluginLoadException("unsupported command '" + spec.command()
                        + "' (expected pf4j:<id>, file:///path or grpc://host:port)"));
        LoadedPlugin loaded;
        try {
            loaded = launcher.launch(spec);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // Anything a launcher lets escape must fail this plugin: otherwise it would stay
            // "starting" with no error and the plugins after it in this change would not load.
            throw new PluginLoadException("launch failed: " + describe(e), e);
        }
        try {
            List<EndpointRegistration> registrations = withTimeout("initialize", () -> {
                loaded.plugin().initialize(HostPluginContext.of(spec.name()), spec.config());
                return loaded.plugin() instanceof CustomEndpointHandler h
                        ? List.copyOf(h.getEndpointRegistrations()) : List.<EndpointRegistration>of();
            });
            return new Generation(spec, number, loaded, registrations);
        } catch (PluginLoadException | RuntimeException e) {
            loaded.close();
            throw e;
        }
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
        generation.loaded().watch(reason -> {
            try {
                lifecycle.execute(() -> generationDied(m, generation, reason));
            } catch (RejectedExecutionException e) {
                // the host is closing
            }
        });
    }

    /** The serving generation is gone: unavailable at once, restarted after the back-off. */
    private void generationDied(Managed m, Generation generation, String reason) {
        if (closed || plugins.get(m.spec.id()) != m || m.serving != generation) {
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
            m.pendingRestart = restartTimer.schedule(() -> {
                try {
                    lifecycle.execute(() -> restart(m, spec));
                } catch (RejectedExecutionException e) {
                    // the host is closing
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
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
            Generation next = start(spec, m.nextGeneration++);
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
            withTimeout("shutdown", () -> {
                generation.plugin().shutdown();
                return null;
            });
        } catch (PluginLoadException | RuntimeException e) {
            LOG.log(WARNING, "{0}: shutdown failed: {1}", generation, e.getMessage());
        } finally {
            generation.loaded().close();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Runs plugin code with a time limit; anything it throws becomes a {@link PluginLoadException}. */
    private <T> T withTimeout(String what, Callable<T> call) throws PluginLoadException {
        FutureTask<T> task = new FutureTask<>(call);
        Thread thread = Thread.ofVirtual().name("plugin-" + what).start(task);
        try {
            return task.get(initTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new PluginLoadException(what + " did not finish within " + initTimeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new PluginLoadException(what + " failed: " + describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginLoadException(what + " was interrupted");
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    private void notifyListeners() {
        for (PluginHostListener listener : listeners) {
            try {
                listener.pluginsChanged();
            } catch (RuntimeException e) {
                LOG.log(WARNING, "plugin listener failed", e);
            }
        }
    }

    private void onLifecycleThread(Runnable work) {
        if (Thread.currentThread() == lifecycleThread) {
            work.run();
            return;
        }
        Future<?> done = lifecycle.submit(work);
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(WARNING, "plugin lifecycle task failed", e.getCause());
        }
    }
}
