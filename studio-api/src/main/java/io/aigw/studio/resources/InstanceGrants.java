package io.aigw.studio.resources;

import io.aigw.studio.json.Json;
import org.jdbi.v3.core.Handle;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Seed 003's access chain for plugin resources, User → Group → instance (direct group mapping, no
 * catalogue): which instances a user may see and select. Admins bypass it; callers decide that.
 */
public final class InstanceGrants {

    /**
     * The ids of instances of type {@code slug} of plugin {@code pluginId} granted to any group
     * user {@code userId} is a member of, in grant order.
     */
    public Set<String> grantedTo(Handle h, long userId, long pluginId, String slug) {
        List<String> grants = h.createQuery("select g.instance_ids::text from group_plugin_resources g "
                        + "join group_members m on m.group_id = g.group_id "
                        + "where m.user_id = :userId and g.plugin_id = :pluginId and g.resource_type_slug = :slug "
                        + "order by g.group_id")
                .bind("userId", userId)
                .bind("pluginId", pluginId)
                .bind("slug", slug)
                .mapTo(String.class)
                .list();
        Set<String> ids = new LinkedHashSet<>();
        grants.forEach(json -> ids.addAll(Json.stringList(json)));
        return ids;
    }
}
