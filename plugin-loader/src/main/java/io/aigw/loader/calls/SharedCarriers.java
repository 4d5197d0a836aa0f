package io.aigw.loader.calls;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.util.concurrent.ForkJoinPool;

import static java.lang.System.Logger.Level.INFO;

/**
 * The JVM's shared virtual-thread scheduler (the one every HTTP request of both servers runs on),
 * as far as the {@link CallWatch} needs it: which carrier a virtual thread is mounted on, how much
 * CPU that carrier has used, and lending the scheduler one more carrier for each plugin call found
 * keeping one busy.
 *
 * <p>Virtual threads are never preempted, so a plugin call burning CPU on a request's own thread
 * keeps a carrier from everything else. Raising the scheduler's parallelism by one for each such
 * call gives the others their carriers back (the kernel time-slices the extra OS thread against
 * the rest), and lowering it when the call returns restores the pool.
 *
 * <p>The JDK has no public handle on this scheduler; it is reached reflectively, which needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} (set in the control plane jar's manifest and
 * the build). Without it {@link #get()} is null and plugin calls always run on the plugin's own
 * threads ({@link PluginThreads}).
 */
final class SharedCarriers {

    private static final System.Logger LOG = System.getLogger(SharedCarriers.class.getName());
    /** Never lend more than this many carriers at once, however many calls are stuck. */
    static final int MAX_EXTRA = 64;
    private static final Runnable NOTHING = () -> { };

    // VirtualThread's states in which it is mounted on a carrier (JDK 21-25): RUNNING, PINNED, TIMED_PINNED
    private static final int RUNNING = 2;
    private static final int PINNED = 5;
    private static final int TIMED_PINNED = 8;

    private final ForkJoinPool scheduler;
    private final VarHandle state; // null: fall back on Thread.getState()
    private final VarHandle carrier; // null with state
    private final ThreadMXBean cpu; // null: CPU time is not measurable here
    private final int base;
    private int extra; // guarded by this

    private SharedCarriers(ForkJoinPool scheduler, VarHandle state, VarHandle carrier) {
        this.scheduler = scheduler;
        this.state = state;
        this.carrier = carrier;
        this.base = scheduler.getParallelism();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        this.cpu = threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled() ? threads : null;
    }

    private static final class Holder {
        static final SharedCarriers INSTANCE = probe();
    }

    /** The shared scheduler, or null when this JVM does not let us reach it. */
    static SharedCarriers get() {
        return Holder.INSTANCE;
    }

    /**
     * The carrier virtual thread {@code t} is mounted on and running (or parked without letting
     * go of it), or null. A parked or blocked virtual thread has given its carrier back. Where the
     * JDK's fields are not readable, any runnable thread counts as mounted on an unknown carrier
     * ({@code t} itself).
     */
    Thread carrierOf(Thread t) {
        if (state == null) {
            return t.getState() == Thread.State.RUNNABLE ? t : null;
        }
        int s = ((int) state.getVolatile(t)) & 0xff;
        if (s != RUNNING && s != PINNED && s != TIMED_PINNED) {
            return null;
        }
        return (Thread) carrier.getVolatile(t);
    }

    /** True when {@code t} is parked on its carrier (pinned): holding it without using CPU. */
    boolean pinned(Thread t) {
        if (state == null) {
            return false;
        }
        int s = ((int) state.getVolatile(t)) & 0xff;
        return s == PINNED || s == TIMED_PINNED;
    }

    /**
     * CPU time used so far by carrier {@code carrier} (a platform thread), or -1 when not
     * measurable; then wall-clock time has to stand in for it.
     */
    long cpuNanos(Thread carrier) {
        if (cpu == null || carrier.isVirtual()) {
            return -1;
        }
        return cpu.getThreadCpuTime(carrier.threadId());
    }

    /** Lends one more carrier for {@code call}, unless it already has one or has returned. */
    synchronized void lend(InlineCall<?> call) {
        if (call.compensated || extra >= MAX_EXTRA) {
            return;
        }
        // Written before reading "returned", as the call's thread writes "returned" before reading
        // this: one of the two sees the other's write, so a carrier is never lent and then kept.
        call.compensated = true;
        if (call.returned) {
            call.compensated = false;
            return;
        }
        extra++;
        apply();
        // Parallelism is only looked at when work is signalled: signal, so a new carrier starts
        // at once for the virtual threads already queued behind the busy ones.
        scheduler.execute(NOTHING);
    }

    /** Takes back the carrier lent for {@code call}, if any. */
    synchronized void takeBack(InlineCall<?> call) {
        if (!call.compensated) {
            return;
        }
        call.compensated = false;
        extra--;
        apply();
    }

    /** The scheduler's state, for diagnostics. */
    @Override
    public String toString() {
        return scheduler.toString() + ", base parallelism " + base + ", lent " + lent();
    }

    /** Carriers lent right now. */
    synchronized int lent() {
        return extra;
    }

    private void apply() {
        scheduler.setParallelism(base + extra);
    }

    private static SharedCarriers probe() {
        try {
            Class<?> type = Class.forName("java.lang.VirtualThread");
            Field field = type.getDeclaredField("DEFAULT_SCHEDULER");
            field.setAccessible(true);
            if (!(field.get(null) instanceof ForkJoinPool pool)) {
                throw new IllegalStateException("the virtual-thread scheduler is not a ForkJoinPool");
            }
            VarHandle state = null;
            VarHandle carrier = null;
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                VarHandle candidate = lookup.findVarHandle(type, "state", int.class);
                VarHandle carrierCandidate = lookup.findVarHandle(type, "carrierThread", Thread.class);
                // the states are the JDK's private constants: check that a running thread reads RUNNING
                int[] seen = {-1};
                Thread t = Thread.ofVirtual().start(() -> seen[0] = (int) candidate.getVolatile(Thread.currentThread()));
                t.join();
                if ((seen[0] & 0xff) == RUNNING) {
                    state = candidate;
                    carrier = carrierCandidate;
                } else {
                    LOG.log(INFO, "unexpected virtual thread state constants; using Thread.getState()");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(INFO, "virtual thread states are not readable here; using Thread.getState(): {0}",
                        e.toString());
            }
            return new SharedCarriers(pool, state, carrier);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(INFO, "In-process plugin calls run on the plugin's own threads (running them on the request's "
                    + "thread needs --add-opens java.base/java.lang=ALL-UNNAMED): {0}", e.toString());
            return null;
        }
    }
}
