package io.aigw.loader.host;

/**
 * One managed plugin as seen from outside the host.
 *
 * @param serving the generation taking requests now, or null when none is
 */
public record PluginEntry(PluginSpec spec, Generation serving, PluginStatus status) {
}
