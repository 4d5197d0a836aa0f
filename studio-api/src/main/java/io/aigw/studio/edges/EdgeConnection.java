package io.aigw.studio.edges;

import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** One connected edge: who it is and which snapshot versions it was sent and has acknowledged. */
final class EdgeConnection {

    private final String id;
    private final String name;
    private final String address;
    private final Instant connectedAt;
    // one permit means "something changed since you last looked"; more would be redundant
    private final Semaphore wakeup = new Semaphore(0);
    private volatile long sentVersion = -1;
    private volatile long ackedVersion = -1;
    private volatile Instant ackedAt;

    EdgeConnection(String id, String name, String address, Instant connectedAt) {
        this.id = id;
        this.name = name;
        this.address = address;
        this.connectedAt = connectedAt;
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

    void sent(long version) {
        sentVersion = version;
    }

    void acked(long version) {
        if (version > ackedVersion) {
            ackedVersion = version;
            ackedAt = Instant.now();
        }
    }

    EdgeView view() {
        return new EdgeView(id, name, address, connectedAt.toString(), sentVersion < 0 ? null : sentVersion,
                ackedVersion < 0 ? null : ackedVersion, ackedAt == null ? null : ackedAt.toString());
    }
}
