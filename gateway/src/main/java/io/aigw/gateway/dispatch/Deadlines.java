package io.aigw.gateway.dispatch;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Time limits for plugin calls that run on the request's own thread. One sweeper thread checks
 * every running call a few times a second, so a call costs a set insert and remove instead of a
 * thread hand-off and a timer: unary calls are the hot path.
 */
final class Deadlines implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Deadlines.class.getName());

    /** A call being watched; {@link #expire()} runs on the sweeper thread once it is overdue. */
    interface Watched {
        long deadlineNanos();

        void expire();
    }

    private final Set<Watched> running = ConcurrentHashMap.newKeySet();
    private final Duration tick;
    private final Thread sweeper;
    private volatile boolean closed;

    Deadlines(Duration tick) {
        this.tick = tick;
        this.sweeper = Thread.ofPlatform().daemon().name("plugin-call-deadlines").start(this::sweep);
    }

    void watch(Watched call) {
        running.add(call);
    }

    void unwatch(Watched call) {
        running.remove(call);
    }

    private void sweep() {
        while (!closed) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watched call : running) {
                if (now - call.deadlineNanos() >= 0 && running.remove(call)) {
                    // expire() is handed to a virtual thread, so one slow client write cannot delay the others
                    Thread.ofVirtual().start(() -> {
                        try {
                            call.expire();
                        } catch (RuntimeException e) {
                            LOG.log(System.Logger.Level.WARNING, "expiring a plugin call failed", e);
                        }
                    });
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        sweeper.interrupt();
    }
}
