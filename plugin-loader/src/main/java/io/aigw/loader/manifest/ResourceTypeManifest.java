package io.aigw.loader.manifest;

/** A resource type declared in a manifest's {@code resource_types} (seed 003). */
public record ResourceTypeManifest(String slug, String name, String description, String icon,
                                   boolean hasPrivacyScore, boolean supportsSubmissions,
                                   String formComponentTag, String formComponentEntryPoint) {
}
