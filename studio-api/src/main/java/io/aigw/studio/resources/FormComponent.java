package io.aigw.studio.resources;

/**
 * A resource type's custom Web Component for the App form (seed 003's {@code form_component}).
 *
 * @param tag        the custom element's tag, e.g. {@code mcp-server-selector}
 * @param entryPoint its JS asset, relative to the plugin's root
 */
public record FormComponent(String tag, String entryPoint) {
}
