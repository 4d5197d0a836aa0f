package io.aigw.loader.host;

import java.time.Instant;

/**
 * @param version  version of the generation serving now, or empty
 * @param error    the last failure (a failed reload keeps the previous generation serving), or null
 * @param restarts how many times the plugin was reloaded since it was first loaded
 * @param process  the process serving now, when the gateway started one ({@code file://}); null
 *                 for in-process and {@code grpc://} plugins, and while none is serving
 */
public record PluginStatus(PluginState state, String version, String error, int restarts, Instant since,
                           PluginProcessInfo process) {

    /** A status with no serving process. */
    public PluginStatus(PluginState state, String version, String error, int restarts, Instant since) {
        this(state, version, error, restarts, since, null);
    }
}
