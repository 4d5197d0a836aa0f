package io.aigw.plugin.api;

/**
 * A {@link PluginStore} call failed. Unchecked, so plugin code that cannot recover lets it
 * propagate (the call then fails like any other plugin error); the subtypes say why.
 */
public abstract sealed class PluginStoreException extends RuntimeException
        permits InvalidStoreKeyException, StoreLimitExceededException, StoreUnavailableException {

    protected PluginStoreException(String message) {
        super(message);
    }

    protected PluginStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
