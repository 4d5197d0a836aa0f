package io.aigw.studio.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.db.Columns;
import io.aigw.studio.json.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for {@code plugin_resource_types}. A type reads as active only while its row says so and its
 * plugin is registered and active, so deactivating or deleting a plugin takes its types out of
 * every listing at once, before the host has even unloaded it.
 */
public final class TypeRepository {

    private static final String COLUMNS = "t.id, t.plugin_id, t.slug, t.name, t.description, t.icon, "
            + "t.has_privacy_score, t.supports_submissions, t.form_component::text as form_component, t.source, "
            + "(t.is_active and exists (select 1 from plugins p where p.id = t.plugin_id and p.is_active)) "
            + "as is_active, t.created_at, t.updated_at";

    private static final RowMapper<ResourceType> ROW = (rs, ctx) -> new ResourceType(rs.getLong("id"),
            rs.getLong("plugin_id"), rs.getString("slug"), rs.getString("name"), rs.getString("description"),
            rs.getString("icon"), rs.getBoolean("has_privacy_score"), rs.getBoolean("supports_submissions"),
            form(rs.getString("form_component")), rs.getString("source"), rs.getBoolean("is_active"),
            Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));

    /** Every active type, in registration order. */
    public List<ResourceType> listActive(Handle h) {
        return h.createQuery("select * from (select " + COLUMNS + " from plugin_resource_types t) v "
                        + "where is_active order by id")
                .map(ROW)
                .list();
    }

    public Optional<ResourceType> find(Handle h, long id) {
        return h.createQuery("select " + COLUMNS + " from plugin_resource_types t where t.id = :id")
                .bind("id", id)
                .map(ROW)
                .findOne();
    }

    /** Type {@code slug} of plugin {@code pluginId}, active or not. */
    public Optional<ResourceType> find(Handle h, long pluginId, String slug) {
        return h.createQuery("select " + COLUMNS + " from plugin_resource_types t "
                        + "where t.plugin_id = :pluginId and t.slug = :slug")
                .bind("pluginId", pluginId)
                .bind("slug", slug)
                .map(ROW)
                .findOne();
    }

    public List<ResourceType> ofPlugin(Handle h, long pluginId) {
        return h.createQuery("select " + COLUMNS + " from plugin_resource_types t where t.plugin_id = :pluginId "
                        + "order by t.id")
                .bind("pluginId", pluginId)
                .map(ROW)
                .list();
    }

    /** Registers {@code type} for the plugin, or refreshes and reactivates it (same id as before). */
    void upsert(Handle h, long pluginId, TypeDeclaration type) {
        h.createUpdate("insert into plugin_resource_types (plugin_id, slug, name, description, icon, "
                        + "has_privacy_score, supports_submissions, form_component, source, is_active) "
                        + "values (:pluginId, :slug, :name, :description, :icon, :hasPrivacyScore, "
                        + ":supportsSubmissions, :form::jsonb, :source, true) "
                        + "on conflict (plugin_id, slug) do update set name = excluded.name, "
                        + "description = excluded.description, icon = excluded.icon, "
                        + "has_privacy_score = excluded.has_privacy_score, "
                        + "supports_submissions = excluded.supports_submissions, "
                        + "form_component = excluded.form_component, source = excluded.source, is_active = true, "
                        + "updated_at = now()")
                .bind("pluginId", pluginId)
                .bind("slug", type.slug())
                .bind("name", type.name())
                .bind("description", type.description())
                .bind("icon", type.icon())
                .bind("hasPrivacyScore", type.hasPrivacyScore())
                .bind("supportsSubmissions", type.supportsSubmissions())
                .bind("form", formJson(type.formComponent()))
                .bind("source", type.source())
                .execute();
    }

    /**
     * Deactivates the plugin's types other than {@code provided}; with {@code keepRuntime}, types
     * registered at runtime are left as they are (the plugin's runtime answer is unknown this time).
     */
    void deactivateOthers(Handle h, long pluginId, Collection<String> provided, boolean keepRuntime) {
        h.createUpdate("update plugin_resource_types set is_active = false, updated_at = now() "
                        + "where plugin_id = :pluginId and is_active and not (slug = any (:provided)) "
                        + "and not (:keepRuntime and source = 'runtime')")
                .bind("pluginId", pluginId)
                .bindArray("provided", String.class, provided)
                .bind("keepRuntime", keepRuntime)
                .execute();
    }

    /** Deactivates every type of the plugins {@code pluginIds}; returns how many changed. */
    int deactivatePlugins(Handle h, Collection<Long> pluginIds) {
        if (pluginIds.isEmpty()) {
            return 0;
        }
        return h.createUpdate("update plugin_resource_types set is_active = false, updated_at = now() "
                        + "where is_active and plugin_id = any (:pluginIds)")
                .bindArray("pluginIds", Long.class, pluginIds)
                .execute();
    }

    /** Deactivates the types of plugins whose registration is inactive or gone; returns how many changed. */
    int deactivateUnregistered(Handle h) {
        return h.createUpdate("update plugin_resource_types t set is_active = false, updated_at = now() "
                        + "where t.is_active and not exists (select 1 from plugins p where p.id = t.plugin_id "
                        + "and p.is_active)")
                .execute();
    }

    private static String formJson(FormComponent form) {
        if (form == null) {
            return null;
        }
        Map<String, String> json = new LinkedHashMap<>();
        json.put("tag", form.tag());
        json.put("entry_point", form.entryPoint());
        return Json.write(json);
    }

    private static FormComponent form(String json) {
        JsonNode node = Json.tree(json);
        if (node == null || !node.isObject()) {
            return null;
        }
        return new FormComponent(node.path("tag").asText(null), node.path("entry_point").asText(null));
    }
}
