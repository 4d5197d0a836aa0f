package io.aigw.runtime;

/** What a plugin announces in its InitializeResponse (see plugin.proto). */
public final class Capabilities {

    public static final String CUSTOM_ENDPOINT = "custom_endpoint";
    public static final String RESOURCE_PROVIDER = "resource_provider";
    /** GetAsset, GetManifest and HandleRPC: the plugin's own UI in the control plane. */
    public static final String UI_PROVIDER = "ui_provider";
    /** GetConfigSchema: the JSON Schema of the plugin's config map. */
    public static final String CONFIG_PROVIDER = "config_provider";
    /** The plugin serves the EndpointCalls stream as well as HandleEndpointRequest. */
    public static final String ENDPOINT_CALL_STREAM = "endpoint_call_stream";

    private Capabilities() {
    }
}
