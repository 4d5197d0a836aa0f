package io.aigw.studio.catalog;

import io.aigw.studio.db.Links;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for one kind's catalogues and their items. */
public final class CatalogueRepository {

    private static final String COLUMNS = "id, name, description, created_at, updated_at";

    private final Kind kind;

    public CatalogueRepository(Kind kind) {
        this.kind = kind;
    }

    public List<CatalogueRow> list(Connection c) throws SQLException {
        Map<Long, List<Long>> items = Links.all(c, kind.catalogueItemsTable(), "catalogue_id", "resource_id");
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from " + kind.catalogueTable()
                + " order by id")) {
            return readAll(ps, items);
        }
    }

    public Optional<CatalogueRow> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from " + kind.catalogueTable()
                + " where id = ?")) {
            ps.setLong(1, id);
            return readAll(ps, Map.of(id, items(c, id))).stream().findFirst();
        }
    }

    public long insert(Connection c, String name, String description) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + kind.catalogueTable()
                + " (name, description) values (?, ?) returning id")) {
            ps.setString(1, name);
            ps.setString(2, description);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public void update(Connection c, long id, String name, String description) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + kind.catalogueTable()
                + " set name = ?, description = ?, updated_at = now() where id = ?")) {
            ps.setString(1, name);
            ps.setString(2, description);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    public void replaceItems(Connection c, long id, List<Long> resourceIds) throws SQLException {
        Links.replace(c, kind.catalogueItemsTable(), "catalogue_id", "resource_id", id, resourceIds);
    }

    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + kind.catalogueTable() + " where id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private List<Long> items(Connection c, long id) throws SQLException {
        return Links.of(c, kind.catalogueItemsTable(), "catalogue_id", "resource_id", id);
    }

    private static List<CatalogueRow> readAll(PreparedStatement ps, Map<Long, List<Long>> items) throws SQLException {
        List<CatalogueRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                rows.add(new CatalogueRow(id, rs.getString(2), rs.getString(3), items.getOrDefault(id, List.of()),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
            }
        }
        return rows;
    }
}
