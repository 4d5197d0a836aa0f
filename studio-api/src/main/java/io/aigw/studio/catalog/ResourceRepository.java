package io.aigw.studio.catalog;

import io.aigw.studio.db.Columns;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** SQL for one kind's resource table. */
public final class ResourceRepository {

    private static final RowMapper<ResourceRow> ROW = (rs, ctx) -> new ResourceRow(rs.getLong("id"),
            rs.getString("name"), rs.getString("description"), rs.getString("vendor"), rs.getInt("privacy_score"),
            rs.getBoolean("is_active"), Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));

    private final Kind kind;
    private final String columns;

    public ResourceRepository(Kind kind) {
        this.kind = kind;
        this.columns = "id, name, description, " + (kind.hasVendor() ? "vendor" : "null as vendor")
                + ", privacy_score, is_active, created_at, updated_at";
    }

    public List<ResourceRow> list(Handle h) {
        return h.createQuery("select " + columns + " from <table> order by id")
                .define("table", kind.table())
                .map(ROW)
                .list();
    }

    public List<ResourceRow> findAll(Handle h, Collection<Long> ids) {
        return h.createQuery("select " + columns + " from <table> where id = any (:ids) order by id")
                .define("table", kind.table())
                .bindArray("ids", Long.class, ids)
                .map(ROW)
                .list();
    }

    public Optional<ResourceRow> find(Handle h, long id) {
        return findAll(h, List.of(id)).stream().findFirst();
    }

    public ResourceRow insert(Handle h, ResourceRow r) {
        String sql = kind.hasVendor()
                ? "insert into <table> (name, description, privacy_score, is_active, vendor) "
                + "values (:name, :description, :privacyScore, :isActive, :vendor) returning " + columns
                : "insert into <table> (name, description, privacy_score, is_active) "
                + "values (:name, :description, :privacyScore, :isActive) returning " + columns;
        return bind(h.createQuery(sql), r).map(ROW).one();
    }

    public ResourceRow update(Handle h, ResourceRow r) {
        String sql = "update <table> set name = :name, description = :description, privacy_score = :privacyScore, "
                + "is_active = :isActive" + (kind.hasVendor() ? ", vendor = :vendor" : "")
                + ", updated_at = now() where id = :id returning " + columns;
        return bind(h.createQuery(sql), r).bind("id", r.id()).map(ROW).one();
    }

    public boolean delete(Handle h, long id) {
        return h.createUpdate("delete from <table> where id = :id")
                .define("table", kind.table())
                .bind("id", id)
                .execute() == 1;
    }

    private <S extends SqlStatement<S>> S bind(S statement, ResourceRow r) {
        statement.define("table", kind.table())
                .bind("name", r.name())
                .bind("description", r.description())
                .bind("privacyScore", r.privacyScore())
                .bind("isActive", r.isActive());
        if (kind.hasVendor()) {
            statement.bind("vendor", r.vendor());
        }
        return statement;
    }
}
