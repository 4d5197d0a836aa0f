package io.aigw.loader.host;

/** A plugin could not be made live; the message is meant for the operator. */
public class PluginLoadException extends Exception {
    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
