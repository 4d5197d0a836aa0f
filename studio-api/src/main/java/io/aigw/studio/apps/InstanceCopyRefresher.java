package io.aigw.studio.apps;

import io.aigw.loader.host.Generation;
import io.aigw.loader.host.PluginEntry;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.host.PluginHostListener;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.studio.apps.AppPluginResourceRepository.LinkedInstance;
import io.aigw.studio.db.Database;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.resources.ProviderCalls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the stored copies of linked instances' details (what snapshots carry to gateways) in step
 * with their plugins beyond App saves: whenever a Resource Provider starts serving (first load,
 * reload, restart after a crash, the control plane's own start), every instance of it that some
 * App links to is read again with {@code getResourceInstance}, and the copies that changed are
 * written in one transaction, which publishes them. An instance the plugin cannot answer for
 * (failure, timeout, unknown id, invalid answer) keeps its old copy, and the reason is logged
 * (never the metadata).
 *
 * <p>It listens to the plugin host, whose listeners must be quick: the refresh itself runs on a
 * virtual thread of its own, one at a time per plugin.
 */
public final class InstanceCopyRefresher implements PluginHostListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InstanceCopyRefresher.class.getName());
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final Database db;
    private final PluginHost host;
    private final ProviderCalls providers;
    private final AppPluginResourceRepository links = new AppPluginResourceRepository();
    private final Map<Long, Generation> refreshedFor = new HashMap<>(); // guarded by itself
    private final Map<Long, ReentrantLock> running = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("instance-copy-refresh-", 0).factory());
    private volatile boolean closed;

    public InstanceCopyRefresher(Database db, PluginHost host, ProviderCalls providers) {
        this.db = db;
        this.host = host;
        this.providers = providers;
    }

    /** Listens to {@code host} from now on. */
    public InstanceCopyRefresher start() {
        host.addListener(this);
        pluginsChanged();
        return this;
    }

    @Override
    public void pluginsChanged() {
        if (closed) {
            return;
        }
        synchronized (refreshedFor) {
            Set<Long> serving = new HashSet<>();
            for (PluginEntry entry : host.entries()) {
                Generation g = entry.serving();
                if (g == null || g.capability(ResourceProvider.class).isEmpty()) {
                    continue;
                }
                long pluginId = entry.spec().id();
                serving.add(pluginId);
                if (refreshedFor.put(pluginId, g) != g) {
                    try {
                        executor.execute(() -> refreshQuietly(pluginId));
                    } catch (RejectedExecutionException e) {
                        return; // closing
                    }
                }
            }
            refreshedFor.keySet().retainAll(serving);
        }
    }

    private void refreshQuietly(long pluginId) {
        try {
            refresh(pluginId);
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.log(Level.WARNING, "refreshing the instance copies of plugin " + pluginId + " failed; the stored "
                        + "copies are kept", e);
            }
        }
    }

    /**
     * Reads every linked instance of plugin {@code pluginId} from it again and stores the copies
     * that changed; returns how many App links changed.
     */
    public int refresh(long pluginId) {
        ReentrantLock lock = running.computeIfAbsent(pluginId, id -> new ReentrantLock());
        lock.lock();
        try {
            List<LinkedInstance> linked = db.read(h -> links.linkedInstances(h, pluginId));
            if (linked.isEmpty()) {
                return 0;
            }
            List<Refreshed> copies = new ArrayList<>();
            for (LinkedInstance l : linked) {
                if (closed) {
                    return 0;
                }
                read(pluginId, l).ifPresent(copy -> copies.add(new Refreshed(l.resourceTypeSlug(), copy)));
            }
            int changed = copies.isEmpty() ? 0 : db.transaction(h -> {
                int n = 0;
                for (Refreshed r : copies) {
                    n += links.refresh(h, pluginId, r.slug(), r.copy());
                }
                return n;
            });
            int kept = linked.size() - copies.size();
            LOG.info(() -> "plugin " + pluginId + " serves: re-read " + copies.size() + " of " + linked.size()
                    + " linked instances, " + changed + " App links changed"
                    + (kept == 0 ? "" : ", " + kept + " kept their stored copy (see the warnings above)"));
            return changed;
        } finally {
            lock.unlock();
        }
    }

    private Optional<ResourceInstance> read(long pluginId, LinkedInstance l) {
        String what = "re-read instance '" + l.instanceId() + "' of resource type '" + l.resourceTypeSlug() + "'";
        try {
            ResourceInstance answer = providers.call(pluginId, what,
                    (p, context) -> p.getResourceInstance(context, l.resourceTypeSlug(), l.instanceId()));
            if (answer == null) {
                LOG.warning(() -> "plugin " + pluginId + " no longer knows instance '" + l.instanceId()
                        + "' of resource type '" + l.resourceTypeSlug() + "'; Apps keep its stored copy until "
                        + "they drop it");
                return Optional.empty();
            }
            return Optional.of(InstanceCopies.of(l.instanceId(), answer));
        } catch (ApiException e) {
            if (!closed) {
                LOG.warning(() -> e.getMessage() + "; the stored copy is kept");
            }
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "plugin " + pluginId + " could not " + what + ": its answer is invalid: "
                    + e.getMessage() + "; the stored copy is kept");
        }
        return Optional.empty();
    }

    private record Refreshed(String slug, ResourceInstance copy) {
    }

    /** Stops listening and waits (bounded) for refreshes in progress. */
    @Override
    public void close() {
        closed = true;
        host.removeListener(this);
        executor.shutdownNow();
        try {
            executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
