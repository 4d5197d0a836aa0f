package io.aigw.plugin.api;

/**
 * A value is larger than {@link StoreLimits#MAX_VALUE_BYTES}, or storing it would take the plugin
 * past the host's quota (keys or bytes per plugin); nothing was stored.
 */
public final class StoreLimitExceededException extends PluginStoreException {
    public StoreLimitExceededException(String message) {
        super(message);
    }
}
