package io.aigw.loader.grpc;

import io.aigw.loader.calls.CallFailure;
import io.aigw.loader.host.PluginUnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.concurrent.TimeoutException;

/**
 * The one reading of an external plugin call's gRPC status, for unary calls, calls on the
 * EndpointCalls stream, streamed responses and the conformance checker alike: a passed deadline
 * is a timeout (504), a broken connection an unavailable plugin (503), anything else the plugin's
 * own failure (502).
 */
public final class GrpcFailures {

    private GrpcFailures() {
    }

    public static CallFailure classify(Status.Code code) {
        return switch (code) {
            case DEADLINE_EXCEEDED -> CallFailure.TIMED_OUT;
            case UNAVAILABLE -> CallFailure.UNAVAILABLE;
            default -> CallFailure.FAILED;
        };
    }

    /** The exception a plugin client throws for {@code e}, which {@link CallFailure#of} classifies the same way. */
    static Exception exception(String what, StatusRuntimeException e) {
        Status status = e.getStatus();
        String detail = what + ": " + status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription());
        return switch (classify(status.getCode())) {
            case TIMED_OUT -> {
                TimeoutException timeout = new TimeoutException(detail);
                timeout.initCause(e);
                yield timeout;
            }
            case UNAVAILABLE -> new PluginUnavailableException(detail, e);
            case BUSY, FAILED -> new PluginCallException(detail, e);
        };
    }
}
