package io.aigw.loader.host;

import io.aigw.loader.calls.CallLimits;
import io.aigw.loader.calls.PluginBusyException;
import io.aigw.loader.store.PluginStorage;
import io.aigw.plugin.api.Plugin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.System.Logger.Level.WARNING;

/**
 * The plugins of one process, one host per process: created by the process's main, shared by the
 * gateway (which routes to plugins' endpoints) and the control plane (which calls their other
 * capabilities), closed by that main after the gateway stopped serving.
 *
 * <p>It keeps the running plugins equal to the desired {@link PluginSpec}s ({@link Reconciler}),
 * whatever capabilities they have. Each plugin has a lifecycle lane of its own: its loads,
 * reloads, restarts and unloads run one at a time, in the order they were asked for, and never
 * wait on another plugin's. A start is bounded by the init timeout ({@link GenerationStarter}); a
 * plugin that dies on its own is restarted with back-off ({@link RestartSupervisor}); a replaced
 * generation finishes its requests before it is shut down ({@link Drainer}). Requests never wait
 * for any lane.
 *
 * <p>Each serving generation exposes the capabilities its plugin really has, by type
 * ({@link #capability}); the control plane calls them through {@link #call}, which runs plugin
 * code the way the gateway runs endpoint calls.
 */
public final class PluginHost implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());
    /** How long closing waits for plugins to drain and shut down. */
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(15);
    /** A call finding its generation retired retries on the successor this often before giving up. */
    private static final int ACQUIRE_ATTEMPTS = 3;

    private final AtomicBoolean closing = new AtomicBoolean();
    private final HostListeners listeners = new HostListeners();
    private final Drainer drainer;
    private final RestartSupervisor supervisor;
    private final Reconciler reconciler;

    public PluginHost(List<PluginLauncher> launchers, Duration initTimeout, Duration drainTimeout) {
        this(launchers, initTimeout, drainTimeout, RestartPolicy.DEFAULT, CallLimits.DEFAULT);
    }

    public PluginHost(List<PluginLauncher> launchers, Duration initTimeout, Duration drainTimeout,
                      RestartPolicy restartPolicy) {
        this(launchers, initTimeout, drainTimeout, restartPolicy, CallLimits.DEFAULT);
    }

    /**
     * @param initTimeout  how long a start (launch, {@code initialize()}, registrations) and a
     *                     shutdown may take
     * @param drainTimeout how long a retired generation's in-flight requests may run on
     */
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
        LifecycleRunner lifecycle = new LifecycleRunner(initTimeout);
        GenerationStarter starter = new GenerationStarter(launchers, lifecycle, storage);
        this.drainer = new Drainer(drainTimeout, lifecycle, closing::get);
        this.supervisor = new RestartSupervisor(restartPolicy, starter, drainer, listeners, closing::get);
        this.reconciler = new Reconciler(closing, callLimits, starter, supervisor, drainer, listeners);
    }

    public void addListener(PluginHostListener listener) {
        listeners.add(listener);
    }

    public void removeListener(PluginHostListener listener) {
        listeners.remove(listener);
    }

    // ---- desired state

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
        return reconciler.apply(desired);
    }

    /** Loads a fresh generation of one plugin, e.g. after an admin's reload request. */
    public void reload(long pluginId) {
        await(reconciler.reload(pluginId));
    }

    /** Reloads every plugin started by {@code command}, e.g. when its jar was replaced. */
    public void reloadCommand(String command) {
        await(reconciler.reloadWhere(spec -> spec.command().equals(command)));
    }

    /** Unloads every plugin started by {@code command}, e.g. when its jar was deleted. */
    public void unloadCommand(String command, String reason) {
        await(reconciler.unloadWhere(spec -> spec.command().equals(command), reason));
    }

    // ---- what runs

    public Optional<PluginStatus> status(long pluginId) {
        return reconciler.plugin(pluginId).map(m -> m.status);
    }

    /** Every managed plugin with the generation serving it, if any. */
    public List<PluginEntry> entries() {
        List<PluginEntry> list = new ArrayList<>();
        reconciler.plugins().forEach(m -> list.add(m.entry()));
        return list;
    }

    /**
     * Capability {@code type} (e.g. {@code ResourceProvider.class}) of the generation serving
     * plugin {@code pluginId}; empty when the plugin is not serving or does not have it. Calls
     * made on it directly run on the caller's thread, unbounded: to call plugin code, use
     * {@link #call}.
     */
    public <C extends Plugin> Optional<C> capability(long pluginId, Class<C> type) {
        return reconciler.plugin(pluginId).map(m -> m.serving).flatMap(g -> g.capability(type));
    }

    /**
     * Calls capability {@code type} of the generation serving plugin {@code pluginId}, the way the
     * gateway calls endpoints: in-process plugin code on the plugin's own threads (with its class
     * loader as context loader), counted against its call limit, and waited for at most
     * {@code timeout}; then the caller gets its exception at once and the plugin is interrupted
     * (an external plugin's gRPC call is cancelled). A reload meanwhile does not shut the
     * generation down before the call returned.
     *
     * @throws PluginUnavailableException the plugin is not loaded, not serving, lacks the
     *                                    capability, is busy, or its connection broke
     * @throws PluginTimeoutException     no answer within {@code timeout}
     * @throws PluginFailedException      the plugin's code failed; the cause is what it threw
     */
    public <C extends Plugin, T> T call(long pluginId, Class<C> type, Duration timeout, CapabilityCall<? super C, T> call) {
        for (int attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
            ManagedPlugin m = reconciler.plugin(pluginId).orElseThrow(() -> new PluginUnavailableException(
                    "plugin " + pluginId + " is not loaded"));
            Generation g = m.serving;
            if (g == null) {
                PluginStatus status = m.status;
                throw new PluginUnavailableException("plugin '" + m.spec.name() + "' is not available ("
                        + status.state().label() + (status.error() == null ? "" : ": " + status.error()) + ")");
            }
            C capability = g.capability(type).orElseThrow(() -> new PluginUnavailableException("plugin '"
                    + m.spec.name() + "' has no " + type.getSimpleName() + " capability"));
            // Retired between the lookup and now: its successor is serving (or none is).
            if (!g.tryAcquire()) {
                continue;
            }
            try {
                return callOn(g, type, capability, timeout, call);
            } finally {
                g.release();
            }
        }
        throw new PluginUnavailableException("plugin " + pluginId + " is reloading, try again");
    }

    private static <C, T> T callOn(Generation g, Class<?> type, C capability, Duration timeout,
                                   CapabilityCall<? super C, T> call) {
        String what = "plugin '" + g.spec().name() + "' (" + type.getSimpleName() + ")";
        try {
            // PluginCalls' own-thread path, whatever the transport: an external plugin's gRPC
            // deadline is the gateway's limit, not this caller's, so the wait is bounded here.
            return g.calls().lifecycle("call-" + type.getSimpleName(), () -> call.apply(capability), timeout);
        } catch (TimeoutException e) {
            throw new PluginTimeoutException(what + " did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PluginUnavailableException unavailable) {
                throw unavailable;
            }
            if (cause instanceof TimeoutException transport) {
                throw new PluginTimeoutException(what + ": " + transport.getMessage(), transport);
            }
            throw new PluginFailedException(what + " failed: " + LifecycleRunner.describe(cause), cause);
        } catch (PluginBusyException e) {
            throw new PluginUnavailableException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginUnavailableException("the call to " + what + " was interrupted", e);
        }
    }

    /**
     * Unloads every plugin and waits (bounded) until each has been shut down and closed, so no
     * plugin process outlives the host.
     */
    @Override
    public void close() {
        CompletableFuture<Void> stopped = reconciler.unloadAll();
        long end = System.nanoTime() + CLOSE_LIMIT.toNanos();
        try {
            stopped.get(CLOSE_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(WARNING, "plugins did not all stop within {0}", CLOSE_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        supervisor.close();
        drainer.awaitRetired(end);
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
