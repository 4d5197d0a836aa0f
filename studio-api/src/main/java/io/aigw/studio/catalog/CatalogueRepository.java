package io.aigw.studio.catalog;

import io.aigw.studio.db.Columns;
import io.aigw.studio.db.LinkTable;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for one kind's catalogues and their items. */
public final class CatalogueRepository {

    private static final String COLUMNS = "id, name, description, created_at, updated_at";

    /** The catalogue's own columns; its items are added by {@link #withItems}. */
    private static final RowMapper<CatalogueRow> ROW = (rs, ctx) -> new CatalogueRow(rs.getLong("id"),
            rs.getString("name"), rs.getString("description"), List.of(), Columns.instant(rs, "created_at"),
            Columns.instant(rs, "updated_at"));

    private final Kind kind;
    private final LinkTable items;

    public CatalogueRepository(Kind kind) {
        this.kind = kind;
        this.items = new LinkTable(kind.catalogueItemsTable(), "catalogue_id", "resource_id");
    }

    public List<CatalogueRow> list(Handle h) {
        return withItems(h, h.createQuery("select " + COLUMNS + " from <table> order by id")
                .define("table", kind.catalogueTable())
                .map(ROW)
                .list());
    }

    public Optional<CatalogueRow> find(Handle h, long id) {
        return withItems(h, h.createQuery("select " + COLUMNS + " from <table> where id = :id")
                .define("table", kind.catalogueTable())
                .bind("id", id)
                .map(ROW)
                .list()).stream().findFirst();
    }

    public long insert(Handle h, String name, String description) {
        return h.createQuery("insert into <table> (name, description) values (:name, :description) returning id")
                .define("table", kind.catalogueTable())
                .bind("name", name)
                .bind("description", description)
                .mapTo(Long.class)
                .one();
    }

    public void update(Handle h, long id, String name, String description) {
        h.createUpdate("update <table> set name = :name, description = :description, updated_at = now() "
                        + "where id = :id")
                .define("table", kind.catalogueTable())
                .bind("id", id)
                .bind("name", name)
                .bind("description", description)
                .execute();
    }

    public void replaceItems(Handle h, long id, List<Long> resourceIds) {
        items.replace(h, id, resourceIds);
    }

    public boolean delete(Handle h, long id) {
        return h.createUpdate("delete from <table> where id = :id")
                .define("table", kind.catalogueTable())
                .bind("id", id)
                .execute() == 1;
    }

    /** {@code rows} with their items: one query, however many rows. */
    private List<CatalogueRow> withItems(Handle h, List<CatalogueRow> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<Long>> byCatalogue = items.of(h, rows.stream().map(CatalogueRow::id).toList());
        return rows.stream().map(r -> r.withResources(byCatalogue.getOrDefault(r.id(), List.of()))).toList();
    }
}
