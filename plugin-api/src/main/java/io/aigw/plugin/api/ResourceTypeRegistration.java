package io.aigw.plugin.api;

import java.util.Objects;

/**
 * A resource type a {@link ResourceProvider} offers.
 *
 * @param slug          machine-readable id, unique per plugin
 * @param formComponent a custom Web Component for the App form, or null for the standard multi-select
 */
public record ResourceTypeRegistration(String slug, String name, String description, String icon,
                                       boolean hasPrivacyScore, boolean supportsSubmissions,
                                       ResourceFormComponent formComponent) {
    public ResourceTypeRegistration {
        Objects.requireNonNull(slug, "slug");
        name = name == null ? slug : name;
        description = description == null ? "" : description;
        icon = icon == null ? "" : icon;
    }
}
