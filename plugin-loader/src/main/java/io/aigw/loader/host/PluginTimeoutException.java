package io.aigw.loader.host;

/**
 * A call to a plugin got no answer within its time limit. The caller has stopped waiting; the
 * plugin was told (interrupted, or its gRPC call cancelled) but may still be running.
 */
public final class PluginTimeoutException extends RuntimeException {
    public PluginTimeoutException(String message) {
        super(message);
    }

    public PluginTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
