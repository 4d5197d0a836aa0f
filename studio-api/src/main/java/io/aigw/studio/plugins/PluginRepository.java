package io.aigw.studio.plugins;

import io.aigw.studio.db.Columns;
import io.aigw.studio.json.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

import java.util.List;
import java.util.Optional;

/** SQL for the {@code plugins} table; callers own the handle and the transaction. */
public final class PluginRepository {

    private static final String COLUMNS = "id, name, description, command, hook_type, hook_types::text as hook_types, "
            + "config::text as config, is_active, manifest::text as manifest, source, created_at, updated_at";

    private static final RowMapper<PluginRow> ROW = (rs, ctx) -> new PluginRow(rs.getLong("id"), rs.getString("name"),
            rs.getString("description"), rs.getString("command"), rs.getString("hook_type"),
            Json.stringList(rs.getString("hook_types")), Json.stringMap(rs.getString("config")),
            rs.getBoolean("is_active"), rs.getString("manifest"), rs.getString("source"),
            Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));

    public List<PluginRow> list(Handle h) {
        return h.createQuery("select " + COLUMNS + " from plugins order by id").map(ROW).list();
    }

    public Optional<PluginRow> find(Handle h, long id) {
        return h.createQuery("select " + COLUMNS + " from plugins where id = :id").bind("id", id).map(ROW).findOne();
    }

    /** Locks the row until the transaction ends, so concurrent patches apply one after another. */
    public Optional<PluginRow> findForUpdate(Handle h, long id) {
        return h.createQuery("select " + COLUMNS + " from plugins where id = :id for update")
                .bind("id", id)
                .map(ROW)
                .findOne();
    }

    public List<PluginRow> findByCommand(Handle h, String command) {
        return h.createQuery("select " + COLUMNS + " from plugins where command = :command order by id")
                .bind("command", command)
                .map(ROW)
                .list();
    }

    /** The active plugin other than {@code exceptId} that already serves {@code slug}, if any. */
    public Optional<PluginRow> findActiveBySlug(Handle h, String slug, long exceptId) {
        return h.createQuery("select " + COLUMNS + " from plugins "
                        + "where is_active and config ->> 'slug' = :slug and id != :exceptId order by id limit 1")
                .bind("slug", slug)
                .bind("exceptId", exceptId)
                .map(ROW)
                .findOne();
    }

    public PluginRow insert(Handle h, NewPlugin p) {
        return bind(h.createQuery("insert into plugins (name, description, command, hook_type, hook_types, config, "
                + "is_active, manifest, source) values (:name, :description, :command, :hookType, :hookTypes::jsonb, "
                + ":config::jsonb, :isActive, :manifest::jsonb, :source) returning " + COLUMNS), p)
                .map(ROW)
                .one();
    }

    public PluginRow update(Handle h, long id, NewPlugin p) {
        return bind(h.createQuery("update plugins set name = :name, description = :description, command = :command, "
                + "hook_type = :hookType, hook_types = :hookTypes::jsonb, config = :config::jsonb, "
                + "is_active = :isActive, manifest = :manifest::jsonb, source = :source, updated_at = now() "
                + "where id = :id returning " + COLUMNS), p)
                .bind("id", id)
                .map(ROW)
                .one();
    }

    /** Replaces the stored manifest of every plugin registered with {@code command}; returns how many. */
    public int updateManifest(Handle h, String command, String manifestJson) {
        return h.createUpdate("update plugins set manifest = :manifest::jsonb, updated_at = now() "
                        + "where command = :command and manifest is distinct from :manifest::jsonb")
                .bind("command", command)
                .bind("manifest", manifestJson)
                .execute();
    }

    public boolean delete(Handle h, long id) {
        return h.createUpdate("delete from plugins where id = :id").bind("id", id).execute() == 1;
    }

    private static <S extends SqlStatement<S>> S bind(S statement, NewPlugin p) {
        return statement.bind("name", p.name())
                .bind("description", p.description())
                .bind("command", p.command())
                .bind("hookType", p.hookType())
                .bind("hookTypes", Json.write(p.hookTypes()))
                .bind("config", Json.write(p.config()))
                .bind("isActive", p.isActive())
                .bind("manifest", p.manifestJson())
                .bind("source", p.source());
    }
}
