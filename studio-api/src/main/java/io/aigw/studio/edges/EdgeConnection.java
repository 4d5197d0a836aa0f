package io.aigw.studio.edges;

import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** One connected edge: who it is, which versions it was sent and has acknowledged, and what that cost. */
final class EdgeConnection {

    private final String id;
    private final String name;
    private final String address;
    private final Instant connectedAt;
    private final long connectedVersion;
    // one permit means "something changed since you last looked"; more would be redundant
    private final Semaphore wakeup = new Semaphore(0);
    private volatile long sentVersion = -1;
    private volatile long ackedVersion = -1;
    private volatile Instant ackedAt;
    private final AtomicLong snapshots = new AtomicLong();
    private final AtomicLong snapshotBytes = new AtomicLong();
    private final AtomicLong deltas = new AtomicLong();
    private final AtomicLong deltaBytes = new AtomicLong();

    EdgeConnection(String id, String name, String address, Instant connectedAt, long connectedVersion) {
        this.id = id;
        this.name = name;
        this.address = address;
        this.connectedAt = connectedAt;
        this.connectedVersion = connectedVersion;
        this.sentVersion = connectedVersion; // what it holds needs no sending
    }

    String id() {
        return id;
    }

    void signal() {
        if (wakeup.availablePermits() == 0) {
            wakeup.release();
        }
    }

    /** Waits until signalled or {@code millis} pass. */
    void await(long millis) throws InterruptedException {
        if (wakeup.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            wakeup.drainPermits();
        }
    }

    long sentVersion() {
        return sentVersion;
    }

    void sentSnapshot(long version, long bytes) {
        sentVersion = version;
        snapshots.incrementAndGet();
        snapshotBytes.addAndGet(bytes);
    }

    void sentDelta(long version, long bytes) {
        sentVersion = version;
        deltas.incrementAndGet();
        deltaBytes.addAndGet(bytes);
    }

    void acked(long version) {
        if (version > ackedVersion) {
            ackedVersion = version;
            ackedAt = Instant.now();
        }
    }

    EdgeView view() {
        return new EdgeView(id, name, address, connectedAt.toString(), connectedVersion < 0 ? null : connectedVersion,
                sentVersion < 0 ? null : sentVersion, ackedVersion < 0 ? null : ackedVersion,
                ackedAt == null ? null : ackedAt.toString(), snapshots.get(), snapshotBytes.get(), deltas.get(),
                deltaBytes.get());
    }
}
