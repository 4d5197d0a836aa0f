package io.aigw.loader.host;

/**
 * A plugin cannot take a request right now (its process died, its connection broke); the gateway
 * answers 503 rather than 502, since the plugin did nothing wrong with this request.
 */
public class PluginUnavailableException extends RuntimeException {
    public PluginUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
