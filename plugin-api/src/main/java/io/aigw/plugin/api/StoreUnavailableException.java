package io.aigw.plugin.api;

/**
 * The store cannot be reached: this host has no storage (an edge gateway), the database or the
 * host-services channel is down, or the call ran out of time. Whether a write that failed this way
 * happened is unknown; writing the same value again is safe.
 */
public final class StoreUnavailableException extends PluginStoreException {
    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
