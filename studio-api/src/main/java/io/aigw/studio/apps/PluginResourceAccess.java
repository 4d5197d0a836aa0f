package io.aigw.studio.apps;

import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the control plane knows about plugin resource types and who may use their instances: the
 * registered types ({@code plugin_resource_types}) and seed 003's access chain User → Group →
 * instance ({@code group_plugin_resources}, direct mapping, no catalogue).
 */
public final class PluginResourceAccess {

    private PluginResourceAccess() {
    }

    /**
     * A registered type as App validation needs it.
     *
     * @param name display name, for messages
     */
    public record TypeState(long pluginId, String slug, String name, boolean isActive, boolean hasPrivacyScore) {
    }

    /** The registered types of the plugins {@code pluginIds}, keyed by {@link #key}. */
    public static Map<String, TypeState> types(Handle h, Collection<Long> pluginIds) {
        Map<String, TypeState> types = new HashMap<>();
        if (pluginIds.isEmpty()) {
            return types;
        }
        h.createQuery("select t.plugin_id, t.slug, t.name, has_privacy_score, "
                        // a deactivated or deleted plugin's types read inactive at once, as in the type list
                        + "(t.is_active and exists (select 1 from plugins p where p.id = t.plugin_id and p.is_active)) "
                        + "as is_active from plugin_resource_types t "
                        + "where t.plugin_id = any (:plugins)")
                .bindArray("plugins", Long.class, pluginIds)
                .map((rs, ctx) -> new TypeState(rs.getLong("plugin_id"), rs.getString("slug"), rs.getString("name"),
                        rs.getBoolean("is_active"), rs.getBoolean("has_privacy_score")))
                .forEach(t -> types.put(key(t.pluginId(), t.slug()), t));
        return types;
    }

    public static String key(long pluginId, String slug) {
        return pluginId + "/" + slug;
    }

    /**
     * The instance ids of type {@code slug} of plugin {@code pluginId} that any group
     * {@code userId} is a member of grants (admins need no grant: callers skip this for them).
     */
    public static Set<String> grantedInstanceIds(Handle h, long userId, long pluginId, String slug) {
        return new LinkedHashSet<>(h.createQuery("select distinct i.id from group_members m "
                        + "join group_plugin_resources g on g.group_id = m.group_id "
                        + "cross join lateral jsonb_array_elements_text(g.instance_ids) as i(id) "
                        + "where m.user_id = :userId and g.plugin_id = :pluginId and g.resource_type_slug = :slug")
                .bind("userId", userId)
                .bind("pluginId", pluginId)
                .bind("slug", slug)
                .mapTo(String.class)
                .list());
    }
}
