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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the stored copies of linked instances' details (what snapshots carry to gateways) in step
 * with their plugins beyond App saves. Every instance of a Resource Provider that some App links
 * to is read again with {@code getResourceInstance}, and the copies that changed are written in
 * one transaction, which publishes them (nothing changed: nothing written, nothing published):
 * <ul>
 *   <li>whenever the provider starts serving (first load, reload, restart after a crash, the
 *       control plane's own start);</li>
 *   <li>after anything the control plane did through the plugin may have changed its instances
 *       ({@link #afterChange}: a UI RPC call, an instance created), before that API call answers;</li>
 *   <li>every {@code interval} for every serving provider ({@link #every}), for changes the plugin
 *       made by itself or another control plane made through it.</li>
 * </ul>
 * An instance the plugin no longer knows is kept as an inactive copy, as an App save keeps a held
 * instance the plugin reports inactive: gateways refuse it, and the App drops it when next saved.
 * An instance the plugin cannot answer for (failure, timeout, invalid answer) keeps its old copy,
 * and the reason is logged (never the metadata). The cost is one provider call per linked
 * instance of that plugin.
 *
 * <p>It listens to the plugin host, whose listeners must be quick: those refreshes run on a
 * virtual thread of their own. Refreshes of one plugin run one at a time; one asked for while
 * another waits is served by it.
 */
public final class InstanceCopyRefresher implements PluginHostListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InstanceCopyRefresher.class.getName());
    private static final long CLOSE_WAIT_SECONDS = 5;
    /** The longest {@link #afterChange} holds its caller (one provider call per linked instance may be slow). */
    static final Duration AFTER_CHANGE_WAIT = Duration.ofSeconds(10);

    private final Database db;
    private final PluginHost host;
    private final ProviderCalls providers;
    private final AppPluginResourceRepository links = new AppPluginResourceRepository();
    private final Map<Long, Generation> refreshedFor = new HashMap<>(); // guarded by itself
    private final Map<Long, ReentrantLock> running = new ConcurrentHashMap<>();
    /** Per plugin, how many refreshes were asked for; and (guarded by the plugin's lock) at what count the last began. */
    private final Map<Long, AtomicLong> asked = new ConcurrentHashMap<>();
    private final Map<Long, Long> begunAt = new ConcurrentHashMap<>();
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

    /**
     * Also refreshes every serving provider's copies every {@code interval} (zero: never), from
     * one interval after now.
     */
    public InstanceCopyRefresher every(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            return this;
        }
        try {
            executor.execute(() -> {
                while (!closed) {
                    try {
                        Thread.sleep(interval);
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (long pluginId : providers()) {
                        if (closed) {
                            return;
                        }
                        refreshQuietly(pluginId);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
        return this;
    }

    /**
     * Plugin {@code pluginId}'s instances may have changed through the control plane (a UI RPC call
     * it answered, an instance it created): when it is a serving Resource Provider, its linked
     * copies are refreshed now, and the changed ones published before this returns (unless that
     * takes longer than {@link #AFTER_CHANGE_WAIT}: then it returns, and they are published when the
     * refresh is done). Never throws: the call that changed them has happened either way, and the
     * next refresh tries again.
     */
    public void afterChange(long pluginId) {
        if (closed || !providers().contains(pluginId)) {
            return;
        }
        Future<?> refresh;
        try {
            refresh = executor.submit(() -> refreshQuietly(pluginId));
        } catch (RejectedExecutionException e) {
            return; // closing
        }
        try {
            refresh.get(AFTER_CHANGE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // a slow provider does not hold the caller's answer for long: the refresh goes on
            LOG.info(() -> "refreshing the instance copies of plugin " + pluginId + " takes longer than "
                    + AFTER_CHANGE_WAIT.toSeconds() + " s; what changed is published when it is done");
        } catch (ExecutionException e) {
            // refreshQuietly logs its own failures
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The plugins whose serving generation provides resource types. */
    private Set<Long> providers() {
        Set<Long> ids = new HashSet<>();
        for (PluginEntry entry : host.entries()) {
            Generation g = entry.serving();
            if (g != null && g.capability(ResourceProvider.class).isPresent()) {
                ids.add(entry.spec().id());
            }
        }
        return ids;
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
        AtomicLong count = asked.computeIfAbsent(pluginId, id -> new AtomicLong());
        long ticket = count.incrementAndGet();
        ReentrantLock lock = running.computeIfAbsent(pluginId, id -> new ReentrantLock());
        lock.lock();
        try {
            if (begunAt.getOrDefault(pluginId, 0L) >= ticket) {
                return 0; // one that began after this was asked for has just read everything
            }
            begunAt.put(pluginId, count.get());
            List<LinkedInstance> linked = db.read(h -> links.linkedInstances(h, pluginId));
            if (linked.isEmpty()) {
                return 0;
            }
            List<Refreshed> copies = new ArrayList<>();
            for (LinkedInstance l : linked) {
                if (closed) {
                    return 0;
                }
                read(pluginId, l).ifPresent(copies::add);
            }
            int changed = copies.isEmpty() ? 0 : db.transaction(h -> {
                int n = 0;
                for (Refreshed r : copies) {
                    n += r.copy() == null ? links.deactivate(h, pluginId, r.slug(), r.instanceId())
                            : links.refresh(h, pluginId, r.slug(), r.copy());
                }
                return n;
            });
            int kept = linked.size() - copies.size();
            if (changed > 0 || kept > 0) {
                LOG.info(() -> "plugin " + pluginId + ": re-read " + copies.size() + " of " + linked.size()
                        + " linked instances, " + changed + " App links changed"
                        + (kept == 0 ? "" : ", " + kept + " kept their stored copy (see the warnings above)"));
            } else {
                LOG.fine(() -> "plugin " + pluginId + ": re-read " + linked.size() + " linked instances, none changed");
            }
            return changed;
        } finally {
            lock.unlock();
        }
    }

    private Optional<Refreshed> read(long pluginId, LinkedInstance l) {
        String what = "re-read instance '" + l.instanceId() + "' of resource type '" + l.resourceTypeSlug() + "'";
        try {
            ResourceInstance answer = providers.call(pluginId, what,
                    (p, context) -> p.getResourceInstance(context, l.resourceTypeSlug(), l.instanceId()));
            if (answer == null) {
                LOG.fine(() -> "plugin " + pluginId + " no longer knows instance '" + l.instanceId()
                        + "' of resource type '" + l.resourceTypeSlug() + "'; Apps keep it as inactive until "
                        + "they drop it");
                return Optional.of(new Refreshed(l.resourceTypeSlug(), l.instanceId(), null));
            }
            return Optional.of(new Refreshed(l.resourceTypeSlug(), l.instanceId(),
                    InstanceCopies.of(l.instanceId(), answer)));
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

    /** What to store for one linked instance: its new copy, or (null) that the plugin no longer knows it. */
    private record Refreshed(String slug, String instanceId, ResourceInstance copy) {
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
