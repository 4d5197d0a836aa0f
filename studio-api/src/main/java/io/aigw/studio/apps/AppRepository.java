package io.aigw.studio.apps;

import io.aigw.studio.catalog.Kind;
import io.aigw.studio.db.Links;
import io.aigw.studio.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for the {@code apps} table and its resource links; callers own the connection and the transaction. */
public final class AppRepository {

    // owner_email follows the owning user; the stored column is only a label for unowned Apps
    private static final String SELECT = "select a.id, a.name, a.description, coalesce(u.email, a.owner_email), "
            + "a.owner_id, a.is_active, a.monthly_budget, a.rate_limit, a.metadata::text, a.created_at, a.updated_at "
            + "from apps a left join users u on u.id = a.owner_id";

    /** Every App, or only those {@code ownerId} owns when it is not null. */
    public List<AppRow> list(Connection c, Long ownerId) throws SQLException {
        Map<Kind, Map<Long, List<Long>>> links = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            links.put(kind, Links.all(c, kind.appLinksTable(), "app_id", "resource_id"));
        }
        try (PreparedStatement ps = c.prepareStatement(SELECT + (ownerId == null ? "" : " where a.owner_id = ?")
                + " order by a.id")) {
            if (ownerId != null) {
                ps.setLong(1, ownerId);
            }
            return readAll(ps, id -> {
                Map<Kind, List<Long>> resources = new EnumMap<>(Kind.class);
                links.forEach((kind, byApp) -> resources.put(kind, byApp.getOrDefault(id, List.of())));
                return resources;
            });
        }
    }

    public Optional<AppRow> find(Connection c, long id) throws SQLException {
        return one(c, SELECT + " where a.id = ?", id);
    }

    public Optional<AppRow> findForUpdate(Connection c, long id) throws SQLException {
        return one(c, SELECT + " where a.id = ? for update of a", id);
    }

    public long insert(Connection c, NewApp a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into apps (name, description, owner_email, owner_id, "
                + "is_active, monthly_budget, rate_limit, metadata) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb) returning id")) {
            bind(ps, a);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public void update(Connection c, long id, NewApp a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update apps set name = ?, description = ?, owner_email = ?, "
                + "owner_id = ?, is_active = ?, monthly_budget = ?, rate_limit = ?, metadata = ?::jsonb, "
                + "updated_at = now() where id = ?")) {
            bind(ps, a);
            ps.setLong(9, id);
            ps.executeUpdate();
        }
    }

    public void replaceResources(Connection c, long id, Kind kind, List<Long> resourceIds) throws SQLException {
        Links.replace(c, kind.appLinksTable(), "app_id", "resource_id", id, resourceIds);
    }

    /** Deletes the App and (by cascade) its credentials and resource links. */
    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from apps where id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static void bind(PreparedStatement ps, NewApp a) throws SQLException {
        ps.setString(1, a.name());
        ps.setString(2, a.description());
        ps.setString(3, a.ownerEmail());
        if (a.ownerId() == null) {
            ps.setNull(4, Types.BIGINT);
        } else {
            ps.setLong(4, a.ownerId());
        }
        ps.setBoolean(5, a.isActive());
        ps.setDouble(6, a.monthlyBudget());
        ps.setInt(7, a.rateLimit());
        ps.setString(8, Json.write(a.metadata()));
    }

    private static Optional<AppRow> one(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            List<AppRow> rows = readAll(ps, appId -> {
                Map<Kind, List<Long>> resources = new EnumMap<>(Kind.class);
                for (Kind kind : Kind.values()) {
                    resources.put(kind, Links.of(c, kind.appLinksTable(), "app_id", "resource_id", appId));
                }
                return resources;
            });
            return rows.stream().findFirst();
        }
    }

    private interface ResourceLoader {
        Map<Kind, List<Long>> load(long appId) throws SQLException;
    }

    private static List<AppRow> readAll(PreparedStatement ps, ResourceLoader resources) throws SQLException {
        List<AppRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long owner = rs.getLong(5);
                Long ownerId = rs.wasNull() ? null : owner;
                rows.add(new AppRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), ownerId,
                        rs.getBoolean(6), rs.getDouble(7), rs.getInt(8), Json.stringMap(rs.getString(9)), Map.of(),
                        rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant()));
            }
        }
        // links are read after the result set is closed, so one statement is open at a time
        List<AppRow> loaded = new ArrayList<>(rows.size());
        for (AppRow row : rows) {
            loaded.add(row.withResources(resources.load(row.id())));
        }
        return loaded;
    }
}
