package io.aigw.plugin.api;

/**
 * A plugin that describes its config map with a JSON Schema, so the admin UI renders a form for
 * it and the control plane refuses config that does not fit (400 naming the key) when a plugin is
 * created or its config changed. A schema in the manifest ({@code config_schema}) is preferred:
 * it is known before the plugin runs, also when a bad config keeps it from starting; this call is
 * the fallback for a plugin whose manifest has none, asked only while the plugin is serving.
 *
 * <p>Config values are strings: {@code "type": "integer"} (or {@code number}, {@code boolean})
 * says which strings are allowed ({@code "42"}, {@code "true"}). See docs/plugin-protocol.md,
 * "Config schema", for the keywords the control plane checks.
 */
public interface ConfigProvider extends Plugin {

    /** The JSON Schema of the config map, as JSON (an object with {@code "type": "object"}). */
    byte[] getConfigSchema() throws Exception;
}
