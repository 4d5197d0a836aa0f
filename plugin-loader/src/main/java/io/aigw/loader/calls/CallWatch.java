package io.aigw.loader.calls;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

/**
 * One platform thread watching every unary plugin call made inline on a request's thread
 * ({@link InlineCall}), for all plugins of the process. Every {@link #TICK_NANOS} it
 * <ul>
 *   <li>answers the calls whose deadline passed (504 on time, whatever the plugin's code does),
 *       interrupting their code; a plugin whose code ignores that runs its next calls on its own
 *       threads for a cool-down, since each such call holds its client's connection until it
 *       returns;</li>
 *   <li>finds calls whose code has kept a carrier of the shared virtual-thread scheduler for a
 *       whole {@link #SLICE_NANOS} of CPU: each gets a carrier lent ({@link SharedCarriers}) until it
 *       returns, so the HTTP servers and other plugins keep theirs, and its plugin's next calls run
 *       on the plugin's own threads ({@link PluginThreads}) for a cool-down that doubles with each
 *       offence. A plugin burning CPU can so hold up the servers for one slice (and a tick) at most.</li>
 * </ul>
 * A platform thread, so that no amount of plugin code on the carriers can keep it from running.
 */
final class CallWatch {

    private static final System.Logger LOG = System.getLogger(CallWatch.class.getName());
    /**
     * Each tick is a wake-up of this thread (tens of microseconds of CPU on a busy virtual machine):
     * 100 a second keep deadlines within 10 ms and a carrier hog within a slice and a tick.
     */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * Slots calls sit in while they run; more calls at once than this go to {@link #overflow}.
     * Packed: the watch reads them all every tick, a few cache lines; two calls sharing a line
     * now and then cost less than a scan of a line per slot.
     */
    static final int SLOTS = 256;
    /** Slots a call tries, from the one its thread id picks, before it goes to {@link #overflow}. */
    private static final int PROBES = 8;

    private final SharedCarriers carriers;
    /**
     * The calls running: claimed and cleared by their own threads with one compare-and-set and one
     * write, scanned by the watch every tick. (A queue cost every call a node, and the watch a
     * pass over every call ever made, long or short.)
     */
    private final AtomicReferenceArray<InlineCall<?>> slots = new AtomicReferenceArray<>(SLOTS);
    private final ConcurrentLinkedQueue<InlineCall<?>> overflow = new ConcurrentLinkedQueue<>();
    /** Plugins whose calls run on their own threads for now; the watch thread's alone. */
    private final Set<PluginCalls> suspended = new HashSet<>();

    private CallWatch(SharedCarriers carriers) {
        this.carriers = carriers;
    }

    private static final class Holder {
        static final CallWatch INSTANCE = start();
    }

    /** The process's watch, started on first use; null when calls cannot run inline here. */
    static CallWatch get() {
        return Holder.INSTANCE;
    }

    private static CallWatch start() {
        SharedCarriers carriers = SharedCarriers.get();
        if (carriers == null) {
            return null;
        }
        CallWatch watch = new CallWatch(carriers);
        Thread.ofPlatform().daemon().name("plugin-call-watch").start(watch::loop);
        return watch;
    }

    SharedCarriers carriers() {
        return carriers;
    }

    long sliceNanos() {
        return SLICE_NANOS;
    }

    long graceNanos() {
        return GRACE_NANOS;
    }

    /**
     * Watches {@code call} until {@link #unwatch}; returns where it sits, to be handed back there.
     * The caller must not unwatch before the call is settled (answered, its code returned).
     */
    int watch(InlineCall<?> call) {
        int first = (int) (Thread.currentThread().threadId() % SLOTS);
        for (int i = 0; i < PROBES; i++) {
            int index = (first + i) % SLOTS;
            if (slots.get(index) == null && slots.compareAndSet(index, null, call)) {
                return index;
            }
        }
        overflow.offer(call);
        return -1;
    }

    /** {@code call} is settled: the watch has nothing more to do with it. */
    void unwatch(InlineCall<?> call, int index) {
        if (index >= 0) {
            slots.set(index, null);
        }
        // a call in the overflow is dropped by the tick that finds it settled
    }

    /** Calls watched right now (some may have just ended). */
    int watched() {
        int n = overflow.size();
        for (int i = 0; i < SLOTS; i++) {
            if (slots.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    private void loop() {
        while (true) {
            LockSupport.parkNanos(TICK_NANOS);
            try {
                tick(System.nanoTime());
            } catch (Throwable t) {
                LOG.log(ERROR, "plugin call watch failed a tick", t);
            }
        }
    }

    private void tick(long now) {
        Set<PluginCalls> holding = null;
        for (int i = 0; i < SLOTS; i++) {
            InlineCall<?> call = slots.get(i);
            if (call != null && call.check(now, this) && call.compensated) {
                if (holding == null) {
                    holding = new HashSet<>();
                }
                holding.add(call.owner);
            }
        }
        for (Iterator<InlineCall<?>> it = overflow.iterator(); it.hasNext(); ) {
            InlineCall<?> call = it.next();
            if (!call.check(now, this)) {
                it.remove();
            } else if (call.compensated) {
                if (holding == null) {
                    holding = new HashSet<>();
                }
                holding.add(call.owner);
            }
        }
        if (suspended.isEmpty()) {
            return;
        }
        for (Iterator<PluginCalls> it = suspended.iterator(); it.hasNext(); ) {
            PluginCalls owner = it.next();
            // back to inline only once its cool-down is over and none of its calls still holds a carrier
            if (owner.inlineResumesBy(now) && (holding == null || !holding.contains(owner))) {
                owner.resumeInline();
                it.remove();
            }
        }
    }

    /** {@code call}'s code has kept its carrier busy for {@code busyNanos} (of the carrier's CPU time). */
    void keepsCarrier(InlineCall<?> call, long busyNanos) {
        carriers.lend(call);
        Duration coolDown = call.owner.suspendInline(System.nanoTime());
        if (coolDown != null) {
            suspended.add(call.owner);
            LOG.log(WARNING, "Plugin {0}: a call kept a shared carrier thread busy for {1} ms; the plugin''s calls run "
                    + "on its own threads for the next {2} s", call.owner.pluginName(),
                    TimeUnit.NANOSECONDS.toMillis(busyNanos), coolDown.toSeconds());
        }
    }

    /** {@code call}'s code is still running after its deadline and the grace that followed its interrupt. */
    void ignoresInterrupt(InlineCall<?> call) {
        Duration coolDown = call.owner.suspendInline(System.nanoTime());
        if (coolDown != null) {
            suspended.add(call.owner);
            LOG.log(WARNING, "Plugin {0}: a call ignored its timeout and interruption; the plugin''s calls run on its "
                    + "own threads for the next {1} s", call.owner.pluginName(), coolDown.toSeconds());
        }
    }

    /** Runs {@code answer} on a thread of its own: writing to a client must never hold up the watch. */
    void answerElsewhere(Runnable answer) {
        Thread.ofPlatform().daemon().name("plugin-call-timeout").start(answer);
    }
}
