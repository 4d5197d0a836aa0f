package io.aigw.loader.calls;

import io.aigw.loader.host.PluginUnavailableException;

import java.util.concurrent.TimeoutException;

/**
 * How a plugin call went wrong, and the HTTP status a client is answered with: the one mapping
 * for in-process and external plugins, unary and streamed calls. An external plugin's gRPC status
 * reaches it through the exception its client throws ({@code GrpcFailures}).
 */
public enum CallFailure {
    /** The plugin did not answer within its time limit. */
    TIMED_OUT(504),
    /** The plugin is at its concurrency limit: back off, it is not broken. */
    BUSY(503),
    /** The plugin cannot take calls (not loaded, process gone, connection broken). */
    UNAVAILABLE(503),
    /** The plugin itself did something wrong: threw, answered garbage, broke the protocol. */
    FAILED(502);

    private final int httpStatus;

    CallFailure(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public static CallFailure of(Throwable failure) {
        return switch (failure) {
            case TimeoutException t -> TIMED_OUT;
            case PluginBusyException b -> BUSY;
            case PluginUnavailableException u -> UNAVAILABLE;
            default -> FAILED;
        };
    }
}
