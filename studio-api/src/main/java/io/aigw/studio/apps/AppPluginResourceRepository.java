package io.aigw.studio.apps;

import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.plugin.api.ResourceInstance;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL for {@code app_plugin_resources}: the plugin resource instances each App bundles, one row
 * per instance with the stored copy of its details (what snapshots carry to gateways). Callers own
 * the handle and the transaction. Reads for many Apps take one query.
 */
public final class AppPluginResourceRepository {

    private static final String SELECT = "select app_id, plugin_id, resource_type_slug, instance_id, name, "
            + "description, privacy_score, metadata, is_active from app_plugin_resources";

    private static final RowMapper<Link> LINK = (rs, ctx) -> new Link(rs.getLong("app_id"), rs.getLong("plugin_id"),
            rs.getString("resource_type_slug"), new ResourceInstance(rs.getString("instance_id"), rs.getString("name"),
            rs.getString("description"), rs.getInt("privacy_score"), rs.getString("metadata"),
            rs.getBoolean("is_active")));

    /** One instance of one plugin resource type that some App links to. */
    public record LinkedInstance(String resourceTypeSlug, String instanceId) {
    }

    private record Link(long appId, long pluginId, String slug, ResourceInstance copy) {
    }

    private record Type(long pluginId, String slug) {
    }

    /** Each App's associations (Apps without any are absent), types in the order they were selected. */
    public Map<Long, List<PluginResourceAssociation>> of(Handle h, Collection<Long> appIds) {
        if (appIds.isEmpty()) {
            return Map.of();
        }
        return collect(h.createQuery(SELECT + " where app_id = any (:apps) order by app_id, position")
                .bindArray("apps", Long.class, appIds));
    }

    /** Every App's associations (Apps without any are absent): one query, for snapshots. */
    public Map<Long, List<PluginResourceAssociation>> all(Handle h) {
        return collect(h.createQuery(SELECT + " order by app_id, position"));
    }

    /**
     * Makes {@code appId}'s plugin resources exactly {@code associations}, whose {@code instances}
     * are the copies to store (one per instance id, in the same order).
     */
    public void replace(Handle h, long appId, List<PluginResourceAssociation> associations) {
        h.createUpdate("delete from app_plugin_resources where app_id = :appId").bind("appId", appId).execute();
        PreparedBatch batch = h.prepareBatch("insert into app_plugin_resources (app_id, plugin_id, "
                + "resource_type_slug, instance_id, position, name, description, privacy_score, metadata, is_active) "
                + "values (:appId, :pluginId, :slug, :instanceId, :position, :name, :description, :privacyScore, "
                + ":metadata, :isActive)");
        int position = 0;
        for (PluginResourceAssociation a : associations) {
            for (ResourceInstance i : a.instances()) {
                batch.bind("appId", appId).bind("pluginId", a.pluginId()).bind("slug", a.resourceTypeSlug())
                        .bind("instanceId", i.id()).bind("position", position++);
                bindCopy(batch, i).add();
            }
        }
        if (position > 0) {
            batch.execute();
        }
    }

    /** The instances of plugin {@code pluginId} that any App links to, each once. */
    public List<LinkedInstance> linkedInstances(Handle h, long pluginId) {
        return h.createQuery("select distinct resource_type_slug, instance_id from app_plugin_resources "
                        + "where plugin_id = :pluginId order by resource_type_slug, instance_id")
                .bind("pluginId", pluginId)
                .map((rs, ctx) -> new LinkedInstance(rs.getString("resource_type_slug"), rs.getString("instance_id")))
                .list();
    }

    /**
     * Writes {@code copy} over every App's stored copy of that instance where it differs (an
     * unchanged copy is not rewritten, so it publishes nothing); returns how many links changed.
     */
    public int refresh(Handle h, long pluginId, String slug, ResourceInstance copy) {
        return bindCopy(h.createUpdate("update app_plugin_resources set name = :name, description = :description, "
                        + "privacy_score = :privacyScore, metadata = :metadata, is_active = :isActive, "
                        + "refreshed_at = now() "
                        + "where plugin_id = :pluginId and resource_type_slug = :slug and instance_id = :instanceId "
                        + "and (name, description, privacy_score, metadata, is_active) is distinct from "
                        + "(:name::text, :description::text, :privacyScore::integer, :metadata::text, :isActive::boolean)"), copy)
                .bind("pluginId", pluginId)
                .bind("slug", slug)
                .bind("instanceId", copy.id())
                .execute();
    }

    /**
     * Marks every App's copy of that instance inactive where it is not already (the plugin no
     * longer knows it; the rest of the copy is kept); returns how many links changed.
     */
    public int deactivate(Handle h, long pluginId, String slug, String instanceId) {
        return h.createUpdate("update app_plugin_resources set is_active = false, refreshed_at = now() "
                        + "where plugin_id = :pluginId and resource_type_slug = :slug and instance_id = :instanceId "
                        + "and is_active")
                .bind("pluginId", pluginId)
                .bind("slug", slug)
                .bind("instanceId", instanceId)
                .execute();
    }

    private static <S extends SqlStatement<S>> S bindCopy(S statement, ResourceInstance i) {
        return statement.bind("name", i.name())
                .bind("description", i.description())
                .bind("privacyScore", i.privacyScore())
                .bind("metadata", i.metadata().isEmpty() ? null : i.metadata())
                .bind("isActive", i.isActive());
    }

    private static Map<Long, List<PluginResourceAssociation>> collect(Query query) {
        // app id → (plugin id, slug) → copies, both in first-seen (= selection) order
        Map<Long, Map<Type, List<ResourceInstance>>> byApp = new LinkedHashMap<>();
        query.map(LINK).forEach(link -> byApp.computeIfAbsent(link.appId(), k -> new LinkedHashMap<>())
                .computeIfAbsent(new Type(link.pluginId(), link.slug()), k -> new ArrayList<>())
                .add(link.copy()));
        Map<Long, List<PluginResourceAssociation>> result = new HashMap<>();
        byApp.forEach((appId, types) -> {
            List<PluginResourceAssociation> associations = new ArrayList<>();
            types.forEach((type, copies) -> associations.add(new PluginResourceAssociation(type.pluginId(),
                    type.slug(), copies.stream().map(ResourceInstance::id).toList(), copies)));
            result.put(appId, List.copyOf(associations));
        });
        return result;
    }
}
