package io.aigw.loader.calls;

import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Threads for one in-process plugin's code, kept off the carriers that serve HTTP: its streams and
 * lifecycle calls always, its unary calls while the {@link CallWatch} keeps them off the request's
 * own thread.
 *
 * <p>Virtual threads are never preempted: a plugin spinning on the JVM's shared scheduler holds a
 * carrier until it stops, and on a 2-core machine two such calls stall every server in the
 * process. So each plugin's code runs on virtual threads of a scheduler of its own (a small
 * {@link ForkJoinPool}); its carriers are ordinary OS threads, which the kernel time-slices
 * against the HTTP servers' carriers. A plugin burning CPU can slow itself, never the platform.
 *
 * <p>The JDK has no public API for a virtual-thread scheduler yet; the builder that takes one is
 * reached reflectively and needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (set in the
 * control plane jar's manifest and the build). Without it plugin code runs on platform threads,
 * which isolate just as well but cost more per blocked call.
 *
 * <p>Nothing needs closing: idle carriers retire on their own (the pool's keep-alive), and a
 * carrier still running plugin code (a plugin stuck in a loop) cannot be stopped by any means
 * Java offers, which is why every call also holds one of the plugin's bounded permits until its
 * code really returns.
 */
public final class PluginThreads {

    private static final System.Logger LOG = System.getLogger(PluginThreads.class.getName());
    private static final Object PROBE_LOCK = new Object();
    private static volatile Constructor<?> scheduledBuilder;
    private static volatile boolean probed;

    private final String name;
    private final ForkJoinPool scheduler;
    private final AtomicLong sequence = new AtomicLong();

    private PluginThreads(String name, ForkJoinPool scheduler) {
        this.name = name;
        this.scheduler = scheduler;
    }

    /** Threads for plugin {@code name}, with at most {@code parallelism} of them on a CPU at once. */
    public static PluginThreads forPlugin(String name, int parallelism) {
        if (scheduledBuilder() == null) {
            return new PluginThreads(name, null);
        }
        String prefix = "plugin-" + name + "-carrier-";
        AtomicLong carriers = new AtomicLong();
        ForkJoinPool pool = new ForkJoinPool(parallelism, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName(prefix + carriers.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (t, e) -> LOG.log(WARNING, "uncaught in " + t.getName(), e), true);
        return new PluginThreads(name, pool);
    }

    /** True when plugin code runs on virtual threads of its own scheduler. */
    public boolean virtual() {
        return scheduler != null;
    }

    /** A new, unstarted thread running {@code task} for this plugin, with the given name. */
    public Thread newThread(String threadName, Runnable task) {
        if (scheduler == null) {
            Thread t = Thread.ofPlatform().daemon(true).name(threadName).unstarted(task);
            return t;
        }
        return builder(scheduler).name(threadName).unstarted(task);
    }

    /** A thread factory naming threads {@code <plugin>-<purpose>-<n>}. */
    public ThreadFactory factory(String purpose) {
        return task -> newThread(name + "-" + purpose + "-" + sequence.incrementAndGet(), task);
    }

    private static Thread.Builder.OfVirtual builder(Executor scheduler) {
        try {
            return (Thread.Builder.OfVirtual) scheduledBuilder.newInstance(scheduler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a plugin thread", e);
        }
    }

    /** Found once, on first use (not in a static initializer: the probe thread runs code of this class). */
    private static Constructor<?> scheduledBuilder() {
        if (!probed) {
            synchronized (PROBE_LOCK) {
                if (!probed) {
                    scheduledBuilder = probeScheduledBuilder();
                    probed = true;
                }
            }
        }
        return scheduledBuilder;
    }

    private static Constructor<?> probeScheduledBuilder() {
        try {
            Class<?> type = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            Constructor<?> constructor = type.getDeclaredConstructor(Executor.class);
            constructor.setAccessible(true);
            // one real thread proves the scheduler is honoured on this JDK
            ForkJoinPool probe = new ForkJoinPool(1);
            try {
                Thread t = ((Thread.Builder.OfVirtual) constructor.newInstance(probe)).unstarted(() -> { });
                t.start();
                t.join();
            } finally {
                probe.shutdown();
            }
            return constructor;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(INFO, "In-process plugin code runs on platform threads (virtual threads on a plugin's own "
                    + "scheduler need --add-opens java.base/java.lang=ALL-UNNAMED): {0}", e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
