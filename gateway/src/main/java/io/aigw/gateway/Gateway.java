package io.aigw.gateway;

import io.aigw.gateway.auth.CredentialIndex;
import io.aigw.gateway.config.ConfigDelta;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.ConfigState;
import io.aigw.gateway.config.DeltaGapException;
import io.aigw.gateway.config.PluginConfig;
import io.aigw.gateway.dispatch.JsonErrors;
import io.aigw.gateway.dispatch.PluginEndpointService;
import io.aigw.gateway.http.HardenedServer;
import io.aigw.gateway.http.RequestIds;
import io.aigw.gateway.routing.RouteTable;
import io.aigw.gateway.routing.SlugBinding;
import io.aigw.loader.host.Generation;
import io.aigw.loader.host.PluginEntry;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.host.PluginHostListener;
import io.aigw.loader.host.PluginProcessInfo;
import io.aigw.loader.host.PluginSpec;
import io.aigw.loader.host.PluginStatus;
import io.aigw.plugin.api.CustomEndpointHandler;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The edge: serves /plugins/{slug}/... from the plugins a {@link ConfigSnapshot} names. It runs
 * them in the plugin host of its process, which whoever runs the process creates, hands over, and
 * closes after this gateway (see {@code LocalPluginHost}); only plugins with the endpoint
 * capability are routed.
 */
public final class Gateway implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final PluginHost host;
    private final PluginSelection selection;
    private final PluginHostListener routesListener = this::rebuildRoutes;
    private final HardenedServer server;
    private final PluginEndpointService endpoints;
    private volatile RouteTable routes = RouteTable.EMPTY;
    private volatile ConfigState state = ConfigState.NONE;
    private volatile CredentialIndex credentials = CredentialIndex.EMPTY;
    /** Plugins whose registration declares custom_endpoint: their slug is held (503) while they are not serving. */
    private volatile Set<Long> declaredEndpoints = Set.of();
    private volatile long appliedVersion = -1;
    private final Object applyLock = new Object();

    private Gateway(GatewaySettings settings, PluginHost host, PluginSelection selection) {
        this.host = host;
        this.selection = selection;
        host.addListener(routesListener);
        rebuildRoutes(); // the host may already serve plugins
        this.endpoints = new PluginEndpointService(settings, () -> routes, () -> credentials);
        try {
            this.server = HardenedServer.start("gateway", settings.host(), settings.port(), settings.http(), true,
                    // stop() lets the requests and streams in flight finish for this long (see close())
                    settings.shutdownGrace(),
                    // plugin headers are checked by the dispatchers (PluginResponses), ours are constants or sane ids
                    HardenedServer.ResponseHeaders.CHECKED_BY_ROUTES,
                    r -> {
                        // the routes themselves, not a registered service: one routing level less per request
                        endpoints.routing(r);
                        r.any((req, res) -> {
                            res.header(RequestIds.HEADER, RequestIds.of(req));
                            JsonErrors.send(res, 404, "not found; plugin endpoints live under /plugins/{slug}/");
                        });
                    });
        } catch (RuntimeException e) {
            host.removeListener(routesListener);
            throw e;
        }
        LOG.log(INFO, "Gateway listening on port {0,number,#}, plugins dir {1}", server.port(), settings.pluginsDir());
    }

    /** A gateway whose host loads every active plugin (the control plane's all-in-one). */
    public static Gateway start(GatewaySettings settings, PluginHost host) {
        return start(settings, host, PluginSelection.ALL_ACTIVE);
    }

    /** A gateway running {@code selection} of each snapshot's plugins in {@code host}, which stays the caller's to close. */
    public static Gateway start(GatewaySettings settings, PluginHost host, PluginSelection selection) {
        return new Gateway(settings, host, selection);
    }

    /** The port actually bound (useful when configured with 0). */
    public int port() {
        return server.port();
    }

    /**
     * Makes the gateway serve {@code snapshot}: credentials and apps switch at once; plugins are
     * loaded, reloaded or unloaded before this returns (bounded by the plugin init timeout).
     * Snapshots older than the one applied are ignored.
     */
    public void apply(ConfigSnapshot snapshot) {
        awaitPlugins(applyAsync(snapshot));
    }

    /**
     * Like {@link #apply}, but returns once credentials and apps are switched; the future
     * completes when the plugins this snapshot changed are loaded, failed or timed out. A
     * snapshot that changes no plugin completes at once, even while another plugin is still
     * starting, so a slow plugin never holds up unrelated changes.
     */
    public CompletableFuture<Void> applyAsync(ConfigSnapshot snapshot) {
        synchronized (applyLock) {
            if (snapshot.version() < appliedVersion) {
                return CompletableFuture.completedFuture(null);
            }
            return install(ConfigState.of(snapshot), true);
        }
    }

    /**
     * Serves what {@code delta} changes, all of it at once (a request sees the state before or
     * after, never half), at a cost proportional to the delta: the serving state is copied only
     * along the entries it touches. A delta ending at or before the applied version is ignored.
     * Plugins are handed to the host only when the delta changed one; the future completes as
     * for {@link #applyAsync(ConfigSnapshot)}.
     *
     * @throws DeltaGapException when it starts after the applied version (nothing is applied)
     */
    public CompletableFuture<Void> applyAsync(ConfigDelta delta) {
        synchronized (applyLock) {
            ConfigState next = state.apply(delta);
            if (next == state) {
                return CompletableFuture.completedFuture(null);
            }
            return install(next, delta.changesPlugins());
        }
    }

    /**
     * Serves {@code next} whatever the version held: an edge taking a full snapshot its control
     * plane sent, or its persisted state at start.
     */
    public CompletableFuture<Void> replaceAsync(ConfigState next) {
        synchronized (applyLock) {
            return install(next, true);
        }
    }

    /** The state being served (immutable; {@link ConfigState#NONE} before the first). */
    public ConfigState state() {
        return state;
    }

    // under applyLock
    private CompletableFuture<Void> install(ConfigState next, boolean pluginsChanged) {
        state = next;
        credentials = CredentialIndex.of(next, Clock.systemUTC());
        appliedVersion = next.version();
        if (!pluginsChanged) {
            return CompletableFuture.completedFuture(null);
        }
        Set<Long> declared = next.plugins().stream().filter(p -> p.hasHook(PluginConfig.CUSTOM_ENDPOINT))
                .map(PluginConfig::id).collect(Collectors.toUnmodifiableSet());
        boolean declaredChanged = !declared.equals(declaredEndpoints);
        declaredEndpoints = declared;
        CompletableFuture<Void> plugins = host.applyAsync(next.plugins().stream()
                .filter(selection::includes)
                .map(p -> new PluginSpec(p.id(), p.name(), p.command(), p.config()))
                .toList());
        if (declaredChanged) {
            rebuildRoutes(); // e.g. a plugin that is not serving gained or lost the hook
        }
        return plugins;
    }

    /** Waits for plugin changes started by {@link #applyAsync}; each is bounded by its init timeout. */
    public static void awaitPlugins(CompletableFuture<Void> plugins) {
        try {
            plugins.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(WARNING, "applying plugin changes failed", e.getCause());
        }
    }

    /** Loads a fresh generation of a plugin (admin "reload"); in-flight requests finish on the old one. */
    public void reload(long pluginId) {
        host.reload(pluginId);
    }

    public long appliedVersion() {
        return appliedVersion;
    }

    public Optional<PluginReport> pluginReport(long pluginId) {
        return host.status(pluginId).map(status -> report(pluginId, status));
    }

    /**
     * Stops in the order the plugin protocol promises: stop accepting connections and requests, and
     * let the requests and streams in flight finish (up to {@code SHUTDOWN_GRACE}, then they are
     * cut); Helidon's stop() does both (its shutdown grace period is set to ours). The plugins are
     * the host's: whoever created it closes it after this, which sends each external plugin Shutdown.
     */
    @Override
    public void close() {
        server.stop();
        host.removeListener(routesListener);
    }

    private PluginReport report(long pluginId, PluginStatus status) {
        RouteTable table = routes;
        List<String> problems = table.problems(pluginId);
        String error = status.error() != null ? status.error() : problems.isEmpty() ? null : String.join("; ", problems);
        SlugBinding binding = table.bySlug().values().stream().filter(b -> b.pluginId() == pluginId).findFirst()
                .orElse(null);
        PluginProcessInfo process = status.process();
        return new PluginReport(pluginId, status.state().label(), status.version(), error, status.restarts(),
                binding == null ? null : binding.slug(), binding == null ? List.of() : binding.describe(),
                status.since(), process == null ? null : process.pid(),
                process == null ? null : process.startedAt());
    }

    private synchronized void rebuildRoutes() {
        List<PluginEntry> entries = host.entries().stream().filter(this::routed).toList();
        RouteTable next = RouteTable.build(entries);
        RouteTable previous = routes;
        routes = next;
        next.problems().forEach((id, notes) -> {
            if (!notes.equals(previous.problems(id))) {
                String name = entries.stream().filter(e -> e.spec().id() == id).map(e -> e.spec().name())
                        .findFirst().orElse("?");
                notes.forEach(n -> LOG.log(WARNING, "Plugin {0} (id {1}): {2}", name, id, n));
            }
        });
    }

    /**
     * Serving plugins are routed when they have the endpoint capability; plugins not serving
     * (starting, failed, restarting) when they declare it, so their slug answers 503 meanwhile.
     */
    private boolean routed(PluginEntry entry) {
        Generation serving = entry.serving();
        return serving != null ? serving.capability(CustomEndpointHandler.class).isPresent()
                : declaredEndpoints.contains(entry.spec().id());
    }
}
