package io.aigw.loader.calls;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

import static java.lang.System.Logger.Level.DEBUG;

/**
 * One unary call of in-process plugin code made on the caller's own (virtual) thread, with no
 * hand-off, under the {@link CallWatch}: the watch answers the call's timeout when its deadline
 * passes, whether or not the plugin's code ever returns, and lends the shared scheduler a carrier
 * while the code keeps one busy.
 *
 * <p>The answer is given exactly once. Whoever moves {@link #phase} out of {@link #RUNNING} owns
 * it: the caller when the plugin's code returned in time ({@link #DONE}), otherwise the watch
 * ({@link #EXPIRING}). After expiry the 504 is answered by the caller if the plugin's code comes
 * back within a short grace (it was interrupted), else by a thread of the watch while the code
 * still runs; the caller, when it gets back, waits for that answer to be complete.
 */
final class InlineCall<T> {

    private static final System.Logger LOG = System.getLogger(InlineCall.class.getName());

    /** Plugin code running, nothing answered. */
    static final int RUNNING = 0;
    /** Returned in time: the caller answers with the result. */
    static final int DONE = 1;
    /** The watch is abandoning the call (telling the plugin, interrupting its thread). */
    static final int EXPIRING = 2;
    /** Past the deadline: the timeout is answered by whichever side claims it first. */
    static final int EXPIRED = 3;
    /** The caller answers the timeout (the code came back within the grace). */
    static final int CALLER_ANSWERS = 4;
    /** A watch thread answers the timeout while the code still runs. */
    static final int WATCH_ANSWERS = 5;
    /** The watch thread's answer is complete. */
    static final int ANSWERED = 6;

    private static final VarHandle PHASE;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(InlineCall.class, "phase", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final PluginCalls owner;
    final Thread thread;
    private final long deadline;
    private final UnaryAnswer<T> answer;
    private volatile int phase;
    /** The plugin's code has returned (or thrown). */
    volatile boolean returned;
    /** A carrier is lent for this call ({@link SharedCarriers}); changed under its lock. */
    volatile boolean compensated;
    // the watch thread's own bookkeeping
    private boolean reported;
    private Thread carrier;
    private long mountedSince;
    private long cpuAtMount;
    private long expiredAt;

    private InlineCall(PluginCalls owner, Thread thread, long deadline, UnaryAnswer<T> answer) {
        this.owner = owner;
        this.thread = thread;
        this.deadline = deadline;
        this.answer = answer;
    }

    /**
     * Runs {@code work} on this thread and answers through {@code answer}; {@code slot} (already
     * taken) is given back when the plugin's code returns.
     */
    static <T> void run(PluginCalls owner, CallWatch watch, Callable<T> work, long timeoutNanos,
                        UnaryAnswer<T> answer, Semaphore slot) {
        InlineCall<T> call = new InlineCall<>(owner, Thread.currentThread(), System.nanoTime() + timeoutNanos, answer);
        int watched = watch.watch(call);
        try {
            run(call, watch, work, answer, slot);
        } finally {
            // settled either way: answered by one side, and the plugin's code has returned
            watch.unwatch(call, watched);
        }
    }

    private static <T> void run(InlineCall<T> call, CallWatch watch, Callable<T> work, UnaryAnswer<T> answer,
                                Semaphore slot) {
        T value = null;
        Throwable error = null;
        try {
            value = work.call();
        } catch (Throwable t) {
            error = t;
        }
        call.returned = true;
        if (call.compensated) {
            watch.carriers().takeBack(call);
        }
        slot.release();
        if (PHASE.compareAndSet(call, RUNNING, DONE)) {
            // An interrupt the plugin's code left set must not cut the connection's next read.
            Thread.interrupted();
            if (error == null) {
                answer.returned(value);
            } else {
                answer.failed(error);
            }
            return;
        }
        call.afterExpiry();
    }

    /** The caller is back from plugin code after the deadline passed. */
    private void afterExpiry() {
        while (phase == EXPIRING) {
            Thread.yield(); // the watch is between claiming the call and interrupting this thread
        }
        Thread.interrupted(); // the watch's interrupt was for the plugin's code
        if (PHASE.compareAndSet(this, EXPIRED, CALLER_ANSWERS)) {
            answer.timedOut();
            return;
        }
        while (phase != ANSWERED) {
            LockSupport.park(this);
        }
        Thread.interrupted();
    }

    /** Called by the watch every tick; false once there is nothing left to watch. */
    boolean check(long now, CallWatch watch) {
        int p = phase;
        if (p == DONE || p == CALLER_ANSWERS || p == ANSWERED && returned) {
            return false;
        }
        if (!returned && !reported) {
            sampleCarrier(now, watch);
        }
        if (p == RUNNING && now - deadline >= 0) {
            expire(now);
        } else if (p == EXPIRED && now - expiredAt >= watch.graceNanos()
                && PHASE.compareAndSet(this, EXPIRED, WATCH_ANSWERS)) {
            watch.answerElsewhere(this::answerTimeout);
            // Its code ignores interruption: until it returns, this call holds the request's
            // thread, and with it the client's connection. The plugin's next calls go elsewhere.
            watch.ignoresInterrupt(this);
        }
        return true;
    }

    /**
     * Reports the call to the watch once its code has kept the same carrier busy for a whole
     * slice: measured in the carrier's CPU time, so that neither a loaded machine (the kernel
     * preempting the carrier) nor a garbage collection pause makes a short call look long; a
     * thread pinned to its carrier while parked counts by the clock.
     */
    private void sampleCarrier(long now, CallWatch watch) {
        SharedCarriers carriers = watch.carriers();
        Thread mountedOn = carriers.carrierOf(thread);
        if (mountedOn == null) {
            carrier = null;
            return;
        }
        if (mountedOn != carrier) {
            carrier = mountedOn;
            mountedSince = now;
            cpuAtMount = carriers.cpuNanos(mountedOn);
            return;
        }
        long busy = cpuAtMount < 0 || carriers.pinned(thread) ? now - mountedSince
                : carriers.cpuNanos(mountedOn) - cpuAtMount;
        if (busy >= watch.sliceNanos()) {
            reported = true;
            watch.keepsCarrier(this, busy);
        }
    }

    private void expire(long now) {
        if (!PHASE.compareAndSet(this, RUNNING, EXPIRING)) {
            return;
        }
        try {
            answer.abandoned();
        } catch (RuntimeException e) {
            LOG.log(DEBUG, "abandon callback failed", e);
        } finally {
            thread.interrupt();
            expiredAt = now;
            phase = EXPIRED;
        }
    }

    /** On a watch thread: the 504 for a call whose code is still running. */
    private void answerTimeout() {
        try {
            answer.timedOut();
        } catch (RuntimeException | Error e) {
            LOG.log(DEBUG, "answering a timed-out call failed", e);
        } finally {
            phase = ANSWERED;
            LockSupport.unpark(thread);
        }
    }
}
