package io.aigw.loader.guard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Timer;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * The threads one plugin started, so that unloading it stops them. Two ways to find them:
 * <ul>
 *   <li>Platform threads whose context class loader is the plugin's: the host runs plugin code
 *       with that loader as the context class loader, and a new thread inherits it from the code
 *       that created it. These are interrupted.</li>
 *   <li>Timers and executors the plugin's code created ({@link CallSiteRewriter} routes their
 *       creation through {@link TrackedTimer}, {@link TrackedThreadPoolExecutor},
 *       {@link TrackedScheduledThreadPoolExecutor} and {@link ThreadGuard}). Interrupting is not
 *       enough for these: {@code Timer} and pool worker threads ignore interrupts, so they are
 *       cancelled and shut down.</li>
 * </ul>
 */
public final class SpawnedThreads {

    private static final System.Logger LOG = System.getLogger(SpawnedThreads.class.getName());

    private final String pluginId;
    private final ClassLoader loader;
    /** Held until cancelled: a timer the plugin dropped keeps its thread running all the same. */
    private final Set<Timer> timers = ConcurrentHashMap.newKeySet();
    /**
     * Weakly held, so an executor the plugin dropped can still be cleaned up by the JDK; one that
     * runs threads stays reachable from them. Guarded by itself.
     */
    private final Map<ExecutorService, Boolean> executors = new WeakHashMap<>();

    SpawnedThreads(String pluginId, ClassLoader loader) {
        this.pluginId = pluginId;
        this.loader = loader;
    }

    void track(Timer timer) {
        timers.add(timer);
    }

    void untrack(Timer timer) {
        timers.remove(timer);
    }

    void track(ExecutorService executor) {
        synchronized (executors) {
            executors.put(executor, Boolean.TRUE);
        }
    }

    /** Live platform threads running with the plugin's class loader as context class loader. */
    public List<Thread> running() {
        Thread self = Thread.currentThread();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t != self && t.isAlive() && t.getContextClassLoader() == loader)
                .toList();
    }

    /**
     * Cancels the plugin's timers, shuts down its executors, interrupts its other threads, and
     * waits up to {@code limit} for them to end.
     *
     * @return the names of the threads still running afterwards (also logged)
     */
    public List<String> stop(Duration limit) {
        List<Timer> openTimers = List.copyOf(timers);
        timers.clear();
        openTimers.forEach(Timer::cancel);
        List<ExecutorService> openExecutors;
        synchronized (executors) {
            openExecutors = List.copyOf(executors.keySet());
            executors.clear();
        }
        int shutDown = 0;
        for (ExecutorService executor : openExecutors) {
            if (!executor.isShutdown()) {
                shutDown++;
            }
            try {
                executor.shutdownNow();
            } catch (RuntimeException e) {
                LOG.log(WARNING, "Plugin {0}: shutting down one of its executors failed: {1}", pluginId, e.toString());
            }
        }
        List<Thread> threads = running();
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread t : threads) {
            try {
                t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> stillRunning = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        threads.forEach(t -> (t.isAlive() ? stillRunning : stopped).add(t.getName()));
        if (!openTimers.isEmpty() || shutDown > 0 || !stopped.isEmpty()) {
            LOG.log(INFO, "Plugin {0} left work running at unload: cancelled {1} timer(s), shut down {2} "
                    + "executor(s), stopped threads {3}", pluginId, openTimers.size(), shutDown, stopped);
        }
        if (!stillRunning.isEmpty()) {
            LOG.log(WARNING, "Plugin {0} was unloaded but threads it started are still running after {1} ms: {2}",
                    pluginId, limit.toMillis(), stillRunning);
        }
        return stillRunning;
    }
}
