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
 * in-process plugins, under a deadline the caller gets its answer by while the plugin's code is
 * still running.
 *
 * <p>In-process unary endpoint calls ({@link #unary}) run on the request's own virtual thread,
 * since a hand-off to another thread costs about as much as the rest of the request, under the
 * {@link CallWatch}: it answers their timeouts and catches code that keeps a carrier of the shared
 * scheduler busy, after which that plugin's calls run on its own threads ({@link PluginThreads})
 * for a while. Lifecycle work, streams and every other call run on the plugin's own threads.
 *
 * <p>External plugins are called inline: their code runs in another process and the transport
 * enforces its own deadline, so a hand-off would only add latency.
 */
public final class PluginCalls {

    /** How long a plugin caught keeping a carrier busy runs its calls on its own threads, at first. */
    static final Duration FIRST_COOL_DOWN = Duration.ofSeconds(5);
    static final Duration LONGEST_COOL_DOWN = Duration.ofMinutes(5);

    private final String pluginName;
    private final CallLimits limits;
    private final PluginThreads threads; // null: call inline
    private final Semaphore unary;
    private final Semaphore streams;
    /** Unary calls run on the plugin's own threads for now ({@link CallWatch}). */
    private volatile boolean inlineSuspended;
    // the watch thread's own
    private long inlineResumesAt;
    private Duration nextCoolDown = FIRST_COOL_DOWN;

    private PluginCalls(String pluginName, CallLimits limits, PluginThreads threads) {
        this.pluginName = pluginName;
        this.limits = limits;
        this.threads = threads;
        this.unary = new Semaphore(limits.unary());
        this.streams = new Semaphore(limits.streams());
    }

    /**
     * Calls for plugin code running in this JVM: unary endpoint calls on the caller's virtual
     * thread under the {@link CallWatch} (while the plugin behaves), everything else on the
     * plugin's own scheduler.
     */
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
     * Runs a unary endpoint call and answers it through {@code answer}, which gets exactly one
     * outcome, once: the value, what the code threw, or (after {@code timeout}) a timeout, told
     * first through {@link UnaryAnswer#abandoned()}, with the plugin's code interrupted. Returns
     * once the answer is given; for an in-process plugin that may be before its code returns (on
     * the caller's thread when it is stuck there: then {@link UnaryAnswer#timedOut()} runs on
     * another thread).
     *
     * @throws PluginBusyException the plugin runs as many unary calls as it may (nothing was answered)
     */
    public <T> void unary(Callable<T> work, Duration timeout, UnaryAnswer<T> answer) throws PluginBusyException {
        acquireUnary();
        if (threads == null) {
            T value;
            try {
                value = work.call();
            } catch (TimeoutException e) {
                unary.release();
                answer.timedOut();
                return;
            } catch (InterruptedException e) {
                unary.release();
                Thread.currentThread().interrupt();
                answer.interrupted();
                return;
            } catch (Throwable t) {
                unary.release();
                answer.failed(t);
                return;
            }
            unary.release();
            answer.returned(value);
            return;
        }
        CallWatch watch = inlineSuspended || !Thread.currentThread().isVirtual() ? null : CallWatch.get();
        if (watch != null) {
            InlineCall.run(this, watch, work, timeout.toNanos(), answer, unary);
            return;
        }
        T value;
        try {
            value = onOwnThread(answer.purpose(), work, timeout, answer::abandoned);
        } catch (ExecutionException e) {
            answer.failed(e.getCause());
            return;
        } catch (TimeoutException e) {
            answer.timedOut();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.interrupted();
            return;
        }
        answer.returned(value);
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

    /** Whether unary calls run on the caller's thread right now (false: on the plugin's own threads). */
    public boolean unaryInline() {
        return threads != null && !inlineSuspended && CallWatch.get() != null;
    }

    String pluginName() {
        return pluginName;
    }

    /**
     * The watch caught one of this plugin's calls keeping a carrier: its calls run on its own
     * threads for a cool-down. Returns the cool-down, or null when already suspended.
     */
    Duration suspendInline(long now) {
        if (inlineSuspended) {
            return null;
        }
        Duration coolDown = nextCoolDown;
        nextCoolDown = coolDown.multipliedBy(2).compareTo(LONGEST_COOL_DOWN) > 0 ? LONGEST_COOL_DOWN
                : coolDown.multipliedBy(2);
        inlineResumesAt = now + coolDown.toNanos();
        inlineSuspended = true;
        return coolDown;
    }

    boolean inlineResumesBy(long now) {
        return now - inlineResumesAt >= 0;
    }

    void resumeInline() {
        inlineSuspended = false;
    }
}
