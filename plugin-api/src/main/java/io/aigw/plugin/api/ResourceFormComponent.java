package io.aigw.plugin.api;

/**
 * @param tag        the custom element tag, e.g. {@code mcp-server-selector}
 * @param entryPoint the JS asset path relative to the plugin root
 */
public record ResourceFormComponent(String tag, String entryPoint) {
}
