package io.aigw.loader.host;

import java.time.Instant;

/**
 * @param version  version of the generation serving now, or empty
 * @param error    the last failure (a failed reload keeps the previous generation serving), or null
 * @param restarts how many times the plugin was reloaded since it was first loaded
 */
public record PluginStatus(PluginState state, String version, String error, int restarts, Instant since) {
}
