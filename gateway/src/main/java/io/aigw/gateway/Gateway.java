package io.aigw.gateway;

import io.aigw.gateway.auth.CredentialIndex;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.PluginConfig;
import io.aigw.gateway.dispatch.JsonErrors;
import io.aigw.gateway.dispatch.PluginEndpointService;
import io.aigw.gateway.dispatch.RequestIds;
import io.aigw.gateway.http.HardenedServer;
import io.aigw.gateway.routing.RouteTable;
import io.aigw.gateway.routing.SlugBinding;
import io.aigw.loader.directory.PluginDirectory;
import io.aigw.loader.directory.PluginJar;
import io.aigw.loader.directory.PluginJarListener;
import io.aigw.loader.grpc.ExternalPluginLauncher;
import io.aigw.loader.grpc.ExternalPluginSettings;
import io.aigw.loader.host.PluginEntry;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.host.PluginProcessInfo;
import io.aigw.loader.host.PluginSpec;
import io.aigw.loader.host.PluginState;
import io.aigw.loader.host.RestartPolicy;
import io.aigw.loader.host.PluginStatus;
import io.aigw.loader.pf4j.Pf4jLauncher;
import io.aigw.loader.store.PluginStorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/** The edge: serves /plugins/{slug}/... from the plugins a {@link ConfigSnapshot} names. */
public final class Gateway implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final PluginDirectory directory;
    private final PluginHost host;
    private final HardenedServer server;
    private final PluginEndpointService endpoints;
    private volatile RouteTable routes = RouteTable.EMPTY;
    private volatile CredentialIndex credentials = CredentialIndex.EMPTY;
    private volatile long appliedVersion = -1;
    private final Object applyLock = new Object();

    private Gateway(GatewaySettings settings, PluginStorage storage) throws IOException {
        this.directory = PluginDirectory.open(settings.pluginsDir(), settings.pluginsDirScanInterval());
        ExternalPluginSettings external = ExternalPluginSettings.defaults(settings.unaryTimeout(),
                settings.streamTimeout(), settings.maxBodySize()).withHandshakeTimeout(settings.pluginHandshakeTimeout());
        this.host = new PluginHost(List.of(new Pf4jLauncher(directory, settings.workDir()),
                new ExternalPluginLauncher(external)), settings.pluginInitTimeout(),
                settings.streamTimeout().plusSeconds(5), RestartPolicy.DEFAULT, settings.callLimits(), storage);
        host.addListener(this::rebuildRoutes);
        directory.addListener(new JarEvents());
        this.endpoints = new PluginEndpointService(settings, () -> routes, () -> credentials);
        this.server = HardenedServer.start("gateway", settings.host(), settings.port(), settings.http(), true,
                // stop() lets the requests and streams in flight finish for this long (see close())
                settings.shutdownGrace(),
                r -> r.register(endpoints).any((req, res) -> {
                    res.header(RequestIds.HEADER, RequestIds.of(req));
                    JsonErrors.send(res, 404, "not found; plugin endpoints live under /plugins/{slug}/");
                }));
        LOG.log(INFO, "Gateway listening on port {0,number,#}, plugins dir {1}", server.port(), settings.pluginsDir());
    }

    /** A gateway whose plugins have no store ({@link PluginStorage#NONE}). */
    public static Gateway start(GatewaySettings settings) {
        return start(settings, PluginStorage.NONE);
    }

    /**
     * @param storage what each plugin's {@code PluginContext.store()} is backed by: the control
     *                plane's database, or nothing (an edge)
     */
    public static Gateway start(GatewaySettings settings, PluginStorage storage) {
        try {
            return new Gateway(settings, storage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway: " + e.getMessage(), e);
        }
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
            credentials = CredentialIndex.of(snapshot.apps(), Clock.systemUTC());
            CompletableFuture<Void> plugins = host.applyAsync(snapshot.plugins().stream()
                    .filter(p -> p.isActive() && p.hasHook(PluginConfig.CUSTOM_ENDPOINT))
                    .map(p -> new PluginSpec(p.id(), p.name(), p.command(), p.config()))
                    .toList());
            appliedVersion = snapshot.version();
            return plugins;
        }
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

    /** Jar events from the plugins directory; jars already present are reported as added. */
    public void addPluginJarListener(PluginJarListener listener) {
        directory.addListener(listener);
    }

    /**
     * Stops in the order the plugin protocol promises: stop accepting connections and requests, let
     * the requests and streams in flight finish (up to {@code SHUTDOWN_GRACE}, then they are cut),
     * and only then unload the plugins, which sends each external plugin Shutdown. Helidon's stop()
     * does the first two (its shutdown grace period is set to ours).
     */
    @Override
    public void close() {
        server.stop();
        host.close();
        directory.close();
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
        List<PluginEntry> entries = host.entries();
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

    /** Keeps pf4j plugins in step with their jars. */
    private final class JarEvents implements PluginJarListener {
        @Override
        public void jarAdded(PluginJar jar) {
            // Only plugins that failed for want of this jar; running ones are not disturbed.
            String command = Pf4jLauncher.commandFor(jar.manifest().id());
            host.entries().stream()
                    .filter(e -> e.spec().command().equals(command) && e.status().state() != PluginState.RUNNING)
                    .forEach(e -> host.reload(e.spec().id()));
        }

        @Override
        public void jarChanged(PluginJar previous, PluginJar jar) {
            host.reloadCommand(Pf4jLauncher.commandFor(jar.manifest().id()));
        }

        @Override
        public void jarRemoved(PluginJar jar) {
            host.unloadCommand(Pf4jLauncher.commandFor(jar.manifest().id()),
                    "jar " + jar.path().getFileName() + " was removed from the plugins directory");
        }
    }
}
