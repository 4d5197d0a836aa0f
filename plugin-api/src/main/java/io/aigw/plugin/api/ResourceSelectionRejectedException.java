package io.aigw.plugin.api;

/**
 * A {@link ResourceProvider} refuses an App's selection; the message is meant for the user. Any
 * other exception from {@code validateResourceSelection} means the plugin could not decide.
 */
public class ResourceSelectionRejectedException extends Exception {
    public ResourceSelectionRejectedException(String message) {
        super(message);
    }
}
