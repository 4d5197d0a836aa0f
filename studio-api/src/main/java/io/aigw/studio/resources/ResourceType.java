package io.aigw.studio.resources;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registered plugin resource type as stored.
 *
 * @param isActive      whether it can be used now: its plugin is registered, active and (at its last
 *                      load) still provided it
 * @param formComponent null: the UI renders its standard multi-select
 * @param source        {@code manifest} or {@code runtime}: where the registration came from
 */
public record ResourceType(long id, long pluginId, String slug, String name, String description, String icon,
                           boolean hasPrivacyScore, boolean supportsSubmissions, FormComponent formComponent,
                           String source, boolean isActive, Instant createdAt, Instant updatedAt) {

    /** How the type reads in messages: {@code 'mcp_servers' of plugin 3}. */
    public String describe() {
        return "'" + slug + "' of plugin " + pluginId;
    }

    /** The API's JSON: every field of the seed's manifest reference, plus the ids and state. */
    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("plugin_id", pluginId);
        view.put("slug", slug);
        view.put("name", name);
        view.put("description", description);
        view.put("icon", icon);
        view.put("has_privacy_score", hasPrivacyScore);
        view.put("supports_submissions", supportsSubmissions);
        if (formComponent == null) {
            view.put("form_component", null);
        } else {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("tag", formComponent.tag());
            form.put("entry_point", formComponent.entryPoint());
            view.put("form_component", form);
        }
        view.put("source", source);
        view.put("is_active", isActive);
        view.put("created_at", createdAt.toString());
        view.put("updated_at", updatedAt.toString());
        return view;
    }
}
