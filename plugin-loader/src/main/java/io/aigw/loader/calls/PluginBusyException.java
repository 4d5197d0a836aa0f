package io.aigw.loader.calls;

/**
 * A plugin already runs as many calls as it may; the gateway answers 503 so a client backs off,
 * rather than queueing work behind a plugin that may be stuck.
 */
public final class PluginBusyException extends Exception {
    public PluginBusyException(String message) {
        super(message, null, false, false);
    }
}
