package io.aigw.loader.calls;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way host code calls into a plugin: bounded in number ({@link CallLimits}), and, for
 * in-process plugins, on the plugin's own threads ({@link PluginThreads}) so the caller can give
 * up at its deadline while the plugin's code is still running.
 *
 * <p>External plugins are called inline: their code runs in another process and the transport
 * enforces its own deadline, so a hand-off would only add latency.
 */
public final class PluginCalls {

    private final String pluginName;
    private final CallLimits limits;
    private final PluginThreads threads; // null: call inline
    private final Semaphore unary;
    private final Semaphore streams;

    private PluginCalls(String pluginName, CallLimits limits, PluginThreads threads) {
        this.pluginName = pluginName;
        this.limits = limits;
        this.threads = threads;
        this.unary = new Semaphore(limits.unary());
        this.streams = new Semaphore(limits.streams());
    }

    /** Calls for plugin code running in this JVM: on the plugin's own scheduler. */
    public static PluginCalls isolated(String pluginName, CallLimits limits, int parallelism) {
        return new PluginCalls(pluginName, limits, PluginThreads.forPlugin(pluginName, parallelism));
    }

    /** Calls for plugins living elsewhere (a process, a remote address): inline, still bounded. */
    public static PluginCalls inline(String pluginName, CallLimits limits) {
        return new PluginCalls(pluginName, limits, null);
    }

    /**
     * Runs {@code work} and waits at most {@code timeout} for it. On timeout (or interruption of
     * the caller) {@code onAbandon} runs, the plugin's thread is interrupted and the caller gets
     * its exception at once, whether or not the plugin's code ever stops. Whatever the plugin
     * throws, {@link Error}s included, comes back as the cause of an {@link ExecutionException}.
     */
    public <T> T call(String purpose, Callable<T> work, Duration timeout, Runnable onAbandon)
            throws PluginBusyException, TimeoutException, ExecutionException, InterruptedException {
        acquireUnary();
        if (threads == null) {
            try {
                return work.call();
            } catch (TimeoutException | InterruptedException e) {
                throw e;
            } catch (Throwable t) {
                throw new ExecutionException(t);
            } finally {
                unary.release();
            }
        }
        return onOwnThread(purpose, work, timeout, onAbandon);
    }

    /**
     * Runs lifecycle work (launch, initialize, shutdown) on a thread of its own, whatever the
     * transport, and waits at most {@code timeout}: a plugin stuck there is abandoned (and
     * interrupted), never waited for. Holds one of the unary slots while the work runs.
     */
    public <T> T lifecycle(String purpose, Callable<T> work, Duration timeout)
            throws PluginBusyException, TimeoutException, ExecutionException, InterruptedException {
        acquireUnary();
        return onOwnThread(purpose, work, timeout, () -> { });
    }

    private void acquireUnary() throws PluginBusyException {
        if (!unary.tryAcquire()) {
            throw new PluginBusyException("plugin '" + pluginName + "' is already running " + limits.unary()
                    + " calls");
        }
    }

    /** With a unary slot held: runs {@code work} on a plugin thread, which frees the slot when it ends. */
    private <T> T onOwnThread(String purpose, Callable<T> work, Duration timeout, Runnable onAbandon)
            throws TimeoutException, ExecutionException, InterruptedException {
        FutureTask<T> task = new FutureTask<>(() -> {
            try {
                return work.call();
            } finally {
                unary.release();
            }
        });
        Thread thread = start(pluginName + "-" + purpose, task, unary);
        try {
            return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            onAbandon.run();
            thread.interrupt();
            throw e;
        }
    }

    /**
     * Starts {@code work} (a streamed response) on a thread of its own and returns that thread;
     * the stream's slot is freed when {@code work} ends.
     */
    public Thread startStream(String threadName, Runnable work) throws PluginBusyException {
        if (!streams.tryAcquire()) {
            throw new PluginBusyException("plugin '" + pluginName + "' is already serving " + limits.streams()
                    + " streams");
        }
        Runnable bounded = () -> {
            try {
                work.run();
            } finally {
                streams.release();
            }
        };
        return start(threadName, bounded, streams);
    }

    /** Starts {@code task} on a plugin thread; gives the slot back if no thread could start. */
    private Thread start(String threadName, Runnable task, Semaphore slot) {
        try {
            Thread thread = threads == null ? Thread.ofVirtual().name(threadName).unstarted(task)
                    : threads.newThread(threadName, task);
            thread.start();
            return thread;
        } catch (RuntimeException | Error e) {
            slot.release();
            throw e;
        }
    }

    /** Unary calls running now, including ones the caller stopped waiting for. */
    public int runningCalls() {
        return limits.unary() - unary.availablePermits();
    }

    public int runningStreams() {
        return limits.streams() - streams.availablePermits();
    }

    public boolean isolated() {
        return threads != null;
    }
}
