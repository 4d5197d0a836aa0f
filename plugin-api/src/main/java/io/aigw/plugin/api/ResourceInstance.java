package io.aigw.plugin.api;

/**
 * One instance of a plugin resource type, e.g. one MCP server.
 *
 * @param privacyScore 0–100, meaningful when the type has privacy scores
 * @param metadata     opaque JSON propagated to gateways; never put secrets here
 */
public record ResourceInstance(String id, String name, String description, int privacyScore,
                               String metadata, boolean isActive) {
    public ResourceInstance {
        description = description == null ? "" : description;
        metadata = metadata == null ? "" : metadata;
    }
}
