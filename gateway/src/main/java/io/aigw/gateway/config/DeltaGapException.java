package io.aigw.gateway.config;

/**
 * A delta starts after the version a gateway holds: the changes in between never arrived. The
 * gateway keeps what it has; whoever fed it the delta asks for the missing range (an edge
 * reconnects saying which version it holds).
 */
public final class DeltaGapException extends IllegalStateException {

    private final long held;
    private final long from;

    public DeltaGapException(long held, long from) {
        super("config delta from version " + from + " does not follow the version held, " + held);
        this.held = held;
        this.from = from;
    }

    public long held() {
        return held;
    }

    public long from() {
        return from;
    }
}
