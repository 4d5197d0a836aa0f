package io.aigw.studio.groups;

import io.aigw.studio.catalog.Kind;
import io.aigw.studio.catalog.KindLinks;
import io.aigw.studio.db.Columns;
import io.aigw.studio.db.LinkTable;
import io.aigw.studio.json.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for groups, their members, catalogue grants and plugin resource grants. */
public final class GroupRepository {

    /** Group → its members' user ids. */
    public static final LinkTable MEMBERS = new LinkTable("group_members", "group_id", "user_id");
    /** User → the ids of the groups they are in. */
    public static final LinkTable GROUPS_OF_USER = new LinkTable("group_members", "user_id", "group_id");

    private static final String COLUMNS = "id, name, description, created_at, updated_at";

    /** The group's own columns; members and grants are added by {@link #withLinks}. */
    private static final RowMapper<GroupRow> ROW = (rs, ctx) -> new GroupRow(rs.getLong("id"), rs.getString("name"),
            rs.getString("description"), List.of(), Map.of(), Columns.instant(rs, "created_at"),
            Columns.instant(rs, "updated_at"));

    private static final RowMapper<PluginResourceGrant> GRANT = (rs, ctx) -> new PluginResourceGrant(
            rs.getLong("plugin_id"), rs.getString("resource_type_slug"), Json.stringList(rs.getString("instance_ids")));

    public List<GroupRow> list(Handle h) {
        return withLinks(h, h.createQuery("select " + COLUMNS + " from groups order by id").map(ROW).list());
    }

    public Optional<GroupRow> find(Handle h, long id) {
        return withLinks(h, h.createQuery("select " + COLUMNS + " from groups where id = :id")
                .bind("id", id)
                .map(ROW)
                .list()).stream().findFirst();
    }

    public long insert(Handle h, String name, String description) {
        return h.createQuery("insert into groups (name, description) values (:name, :description) returning id")
                .bind("name", name)
                .bind("description", description)
                .mapTo(Long.class)
                .one();
    }

    public void update(Handle h, long id, String name, String description) {
        h.createUpdate("update groups set name = :name, description = :description, updated_at = now() "
                        + "where id = :id")
                .bind("id", id)
                .bind("name", name)
                .bind("description", description)
                .execute();
    }

    public boolean delete(Handle h, long id) {
        return h.createUpdate("delete from groups where id = :id").bind("id", id).execute() == 1;
    }

    public void replaceMembers(Handle h, long groupId, List<Long> userIds) {
        MEMBERS.replace(h, groupId, userIds);
    }

    public void replaceCatalogues(Handle h, long groupId, Kind kind, List<Long> catalogueIds) {
        KindLinks.GROUP_CATALOGUES.table(kind).replace(h, groupId, catalogueIds);
    }

    public void addMember(Handle h, long groupId, long userId) {
        h.createUpdate("insert into group_members (group_id, user_id) values (:groupId, :userId) "
                        + "on conflict do nothing")
                .bind("groupId", groupId)
                .bind("userId", userId)
                .execute();
    }

    public boolean removeMember(Handle h, long groupId, long userId) {
        return h.createUpdate("delete from group_members where group_id = :groupId and user_id = :userId")
                .bind("groupId", groupId)
                .bind("userId", userId)
                .execute() == 1;
    }

    public List<PluginResourceGrant> pluginResources(Handle h, long groupId) {
        return h.createQuery("select plugin_id, resource_type_slug, instance_ids::text as instance_ids "
                        + "from group_plugin_resources where group_id = :groupId "
                        + "order by plugin_id, resource_type_slug")
                .bind("groupId", groupId)
                .map(GRANT)
                .list();
    }

    public void replacePluginResources(Handle h, long groupId, List<PluginResourceGrant> grants) {
        h.createUpdate("delete from group_plugin_resources where group_id = :groupId")
                .bind("groupId", groupId)
                .execute();
        if (grants.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("insert into group_plugin_resources (group_id, plugin_id, "
                + "resource_type_slug, instance_ids) values (:groupId, :pluginId, :slug, :instanceIds::jsonb)");
        for (PluginResourceGrant g : grants) {
            batch.bind("groupId", groupId)
                    .bind("pluginId", g.pluginId())
                    .bind("slug", g.resourceTypeSlug())
                    .bind("instanceIds", Json.write(g.instanceIds()))
                    .add();
        }
        batch.execute();
    }

    /** {@code rows} with their members and catalogue grants: two queries, however many rows. */
    private static List<GroupRow> withLinks(Handle h, List<GroupRow> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        List<Long> ids = rows.stream().map(GroupRow::id).toList();
        Map<Long, List<Long>> members = MEMBERS.of(h, ids);
        Map<Long, Map<Kind, List<Long>>> catalogues = KindLinks.GROUP_CATALOGUES.of(h, ids);
        return rows.stream().map(g -> g.withLinks(members.getOrDefault(g.id(), List.of()), catalogues.get(g.id())))
                .toList();
    }
}
