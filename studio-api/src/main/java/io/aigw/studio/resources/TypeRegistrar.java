package io.aigw.studio.resources;

import io.aigw.loader.directory.PluginDirectory;
import io.aigw.loader.host.Generation;
import io.aigw.loader.host.PluginEntry;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.host.PluginHostListener;
import io.aigw.loader.host.PluginState;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourceTypeRegistration;
import io.aigw.studio.db.Database;
import io.aigw.studio.http.ApiException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps {@code plugin_resource_types} in step with the Resource Provider plugins the host serves.
 * Each time a new generation of such a plugin starts serving (first load, reload, restart), its
 * types are registered: its manifest's {@code resource_types} plus what
 * {@code getResourceTypeRegistrations()} adds, the manifest's entry winning for a slug in both.
 * Types it no longer provides, and every type of a plugin that stopped, failed, was deactivated or
 * deleted, are deactivated; the rows stay (same id when they come back), and so do the grants and
 * App links naming them.
 *
 * <p>The host tells listeners on its lifecycle lanes, so the work runs on a thread of its own, one
 * pass at a time; changes arriving during a pass are caught by one more pass.
 */
public final class TypeRegistrar implements PluginHostListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TypeRegistrar.class.getName());

    private final Database db;
    private final PluginHost host;
    private final PluginManifests manifests;
    private final ProviderCalls calls;
    private final TypeRepository types = new TypeRepository();
    /** The generation whose types are registered, per plugin. */
    private final Map<Long, Generation> registered = new ConcurrentHashMap<>();
    /** Declarations skipped at each plugin's last registration, with the reason. */
    private final Map<Long, List<String>> problems = new ConcurrentHashMap<>();
    /** Plugins in the host at the last pass (touched by the worker thread only). */
    private final Set<Long> seen = new HashSet<>();
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("resource-types").factory());

    /** @param directory the plugins directory the host loads jars from (their manifests are read there) */
    public TypeRegistrar(Database db, PluginHost host, PluginDirectory directory, ProviderCalls calls) {
        this.db = db;
        this.host = host;
        this.manifests = new PluginManifests(db, directory);
        this.calls = calls;
    }

    /** Starts listening to the host and runs a first pass for what it serves already. */
    public void start() {
        host.addListener(this);
        pluginsChanged();
    }

    @Override
    public void pluginsChanged() {
        if (!passQueued.compareAndSet(false, true)) {
            return; // a queued pass will see this change too
        }
        try {
            worker.execute(() -> {
                passQueued.set(false);
                try {
                    pass();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "registering plugin resource types failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            passQueued.set(false); // closing
        }
    }

    /** The declarations skipped at the plugin's last registration, each with its reason. */
    public List<String> problems(long pluginId) {
        return problems.getOrDefault(pluginId, List.of());
    }

    /**
     * One look at the host. A plugin's types are deactivated when it is loaded without the
     * capability, has failed or stopped, or has left the host since this process saw it
     * (deactivated, deleted); and whenever its registration is no longer active. A plugin this
     * process has not seen yet (the first loads at start) leaves its types as they are.
     */
    private void pass() {
        Set<Long> notProviding = new HashSet<>();
        Set<Long> present = new HashSet<>();
        for (PluginEntry entry : host.entries()) {
            long id = entry.spec().id();
            present.add(id);
            Generation serving = entry.serving();
            if (serving != null && serving.capability(ResourceProvider.class).isPresent()) {
                if (registered.get(id) != serving) {
                    register(entry, serving);
                    registered.put(id, serving);
                }
            } else if (serving == null && transientGap(entry.status().state())) {
                // starting or restarting: its types stay as they are; calls answer 503 meanwhile
            } else {
                notProviding.add(id);
                registered.remove(id);
                problems.remove(id);
            }
        }
        seen.stream().filter(id -> !present.contains(id)).forEach(notProviding::add);
        seen.clear();
        seen.addAll(present);
        registered.keySet().retainAll(present);
        problems.keySet().retainAll(present);
        int deactivated = db.transaction(h -> types.deactivatePlugins(h, notProviding) + types.deactivateUnregistered(h));
        if (deactivated > 0) {
            LOG.info(() -> deactivated + " plugin resource type(s) deactivated: their plugins no longer provide them");
        }
    }

    private static boolean transientGap(PluginState state) {
        return state == PluginState.STARTING || state == PluginState.RESTARTING;
    }

    private void register(PluginEntry entry, Generation generation) {
        long pluginId = entry.spec().id();
        List<String> notes = new ArrayList<>();
        PluginManifests.Found manifest = manifests.find(pluginId, entry.spec().command());
        if (manifest.problem() != null) {
            notes.add(manifest.problem());
        }
        Declarations declared = ManifestTypes.parse(manifest.json());
        notes.addAll(declared.problems());
        Map<String, TypeDeclaration> bySlug = new LinkedHashMap<>();
        declared.types().forEach(t -> bySlug.put(t.slug(), t));

        boolean runtimeKnown = true;
        try {
            List<ResourceTypeRegistration> runtime = calls.call(pluginId, "list its resource types",
                    (provider, context) -> provider.getResourceTypeRegistrations());
            Declarations answered = RuntimeTypes.check(runtime);
            notes.addAll(answered.problems());
            answered.types().forEach(t -> bySlug.putIfAbsent(t.slug(), t)); // the manifest wins
        } catch (ApiException e) {
            runtimeKnown = false;
            notes.add("getResourceTypeRegistrations() failed, types it registered before are kept as they were: "
                    + e.getMessage());
        }
        boolean keepRuntime = !runtimeKnown;
        db.transaction(h -> {
            for (TypeDeclaration type : bySlug.values()) {
                types.upsert(h, pluginId, type);
            }
            types.deactivateOthers(h, pluginId, bySlug.keySet(), keepRuntime);
            return null;
        });
        problems.put(pluginId, List.copyOf(notes));
        LOG.info(() -> "plugin " + pluginId + " ('" + entry.spec().name() + "', generation " + generation.number()
                + ") provides resource types " + bySlug.keySet() + (notes.isEmpty() ? "" : "; " + notes.size()
                + " problem(s): " + String.join("; ", notes)));
    }

    /** Stops listening; what the host does after this (unloading everything on shutdown) changes no type. */
    @Override
    public void close() {
        host.removeListener(this);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
