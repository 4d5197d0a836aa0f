package io.aigw.studio.groups;

import io.aigw.studio.catalog.Kind;
import io.aigw.studio.db.Links;
import io.aigw.studio.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for groups, their members, catalogue grants and plugin resource grants. */
public final class GroupRepository {

    private static final String COLUMNS = "id, name, description, created_at, updated_at";

    public List<GroupRow> list(Connection c) throws SQLException {
        Map<Long, List<Long>> members = Links.all(c, "group_members", "group_id", "user_id");
        Map<Kind, Map<Long, List<Long>>> grants = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            grants.put(kind, Links.all(c, kind.groupGrantsTable(), "group_id", "catalogue_id"));
        }
        List<GroupRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from groups order by id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                Map<Kind, List<Long>> catalogues = new EnumMap<>(Kind.class);
                grants.forEach((kind, byGroup) -> catalogues.put(kind, byGroup.getOrDefault(id, List.of())));
                rows.add(new GroupRow(id, rs.getString(2), rs.getString(3), members.getOrDefault(id, List.of()),
                        catalogues, rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
            }
        }
        return rows;
    }

    public Optional<GroupRow> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from groups where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<Kind, List<Long>> catalogues = new EnumMap<>(Kind.class);
                for (Kind kind : Kind.values()) {
                    catalogues.put(kind, Links.of(c, kind.groupGrantsTable(), "group_id", "catalogue_id", id));
                }
                return Optional.of(new GroupRow(id, rs.getString(2), rs.getString(3),
                        Links.of(c, "group_members", "group_id", "user_id", id), catalogues,
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
            }
        }
    }

    public long insert(Connection c, String name, String description) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into groups (name, description) values (?, ?) returning id")) {
            ps.setString(1, name);
            ps.setString(2, description);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public void update(Connection c, long id, String name, String description) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update groups set name = ?, description = ?, updated_at = now() where id = ?")) {
            ps.setString(1, name);
            ps.setString(2, description);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from groups where id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    public boolean isMember(Connection c, long groupId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select 1 from group_members where group_id = ? and user_id = ?")) {
            ps.setLong(1, groupId);
            ps.setLong(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public void addMember(Connection c, long groupId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into group_members (group_id, user_id) values (?, ?) on conflict do nothing")) {
            ps.setLong(1, groupId);
            ps.setLong(2, userId);
            ps.executeUpdate();
        }
    }

    public boolean removeMember(Connection c, long groupId, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "delete from group_members where group_id = ? and user_id = ?")) {
            ps.setLong(1, groupId);
            ps.setLong(2, userId);
            return ps.executeUpdate() == 1;
        }
    }

    public List<PluginResourceGrant> pluginResources(Connection c, long groupId) throws SQLException {
        List<PluginResourceGrant> grants = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select plugin_id, resource_type_slug, instance_ids::text "
                + "from group_plugin_resources where group_id = ? order by plugin_id, resource_type_slug")) {
            ps.setLong(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    grants.add(new PluginResourceGrant(rs.getLong(1), rs.getString(2),
                            Json.stringList(rs.getString(3))));
                }
            }
        }
        return grants;
    }

    public void replacePluginResources(Connection c, long groupId, List<PluginResourceGrant> grants)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from group_plugin_resources where group_id = ?")) {
            ps.setLong(1, groupId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into group_plugin_resources (group_id, plugin_id, "
                + "resource_type_slug, instance_ids) values (?, ?, ?, ?::jsonb)")) {
            for (PluginResourceGrant g : grants) {
                ps.setLong(1, groupId);
                ps.setLong(2, g.pluginId());
                ps.setString(3, g.resourceTypeSlug());
                ps.setString(4, Json.write(g.instanceIds()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
