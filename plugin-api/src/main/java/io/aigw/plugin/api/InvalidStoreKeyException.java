package io.aigw.plugin.api;

/** A key (or listing prefix) breaks the rules of {@link StoreLimits#checkKey}; nothing was done. */
public final class InvalidStoreKeyException extends PluginStoreException {
    public InvalidStoreKeyException(String message) {
        super(message);
    }
}
