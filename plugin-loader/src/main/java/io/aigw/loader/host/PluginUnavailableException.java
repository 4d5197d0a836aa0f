package io.aigw.loader.host;

/**
 * A plugin cannot take a call right now: it is not loaded (or not serving: starting, failed,
 * restarting), it lacks the capability asked for, it is running as many calls as it may, or its
 * process died or its connection broke. The gateway answers 503 rather than 502, since the plugin
 * did nothing wrong with this request.
 */
public class PluginUnavailableException extends RuntimeException {
    public PluginUnavailableException(String message) {
        super(message);
    }

    public PluginUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
