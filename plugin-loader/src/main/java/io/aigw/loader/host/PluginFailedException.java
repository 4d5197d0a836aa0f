package io.aigw.loader.host;

/**
 * The plugin's code failed a call: it threw, or (external plugins) answered an error or garbage.
 * The cause is what the plugin threw, e.g. a {@code ResourceSelectionRejectedException} a caller
 * may want to show.
 */
public final class PluginFailedException extends RuntimeException {
    public PluginFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
