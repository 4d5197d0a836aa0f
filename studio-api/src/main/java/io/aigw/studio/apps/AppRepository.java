package io.aigw.studio.apps;

import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.studio.catalog.Kind;
import io.aigw.studio.catalog.KindLinks;
import io.aigw.studio.db.Columns;
import io.aigw.studio.json.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for the {@code apps} table and its resource links; callers own the handle and the transaction. */
public final class AppRepository {

    private static final AppPluginResourceRepository PLUGIN_RESOURCES = new AppPluginResourceRepository();

    // owner_email follows the owning user; the stored column is only a label for unowned Apps
    private static final String SELECT = "select a.id, a.name, a.description, "
            + "coalesce(u.email, a.owner_email) as owner_email, a.owner_id, a.is_active, a.monthly_budget, "
            + "a.rate_limit, a.metadata::text as metadata, a.created_at, a.updated_at "
            + "from apps a left join users u on u.id = a.owner_id";

    /** The App's own columns; its resource links are added by {@link #withResources}. */
    private static final RowMapper<AppRow> ROW = (rs, ctx) -> new AppRow(rs.getLong("id"), rs.getString("name"),
            rs.getString("description"), rs.getString("owner_email"), Columns.nullableLong(rs, "owner_id"),
            rs.getBoolean("is_active"), rs.getDouble("monthly_budget"), rs.getInt("rate_limit"),
            Json.stringMap(rs.getString("metadata")), Map.of(), List.of(), Columns.instant(rs, "created_at"),
            Columns.instant(rs, "updated_at"));

    /** Every App, or only those {@code ownerId} owns when it is not null. */
    public List<AppRow> list(Handle h, Long ownerId) {
        var query = h.createQuery(SELECT + (ownerId == null ? "" : " where a.owner_id = :ownerId") + " order by a.id");
        if (ownerId != null) {
            query.bind("ownerId", ownerId);
        }
        return withResources(h, query.map(ROW).list());
    }

    public Optional<AppRow> find(Handle h, long id) {
        return one(h, SELECT + " where a.id = :id", id);
    }

    public Optional<AppRow> findForUpdate(Handle h, long id) {
        return one(h, SELECT + " where a.id = :id for update of a", id);
    }

    public long insert(Handle h, NewApp a) {
        return bind(h.createQuery("insert into apps (name, description, owner_email, owner_id, is_active, "
                + "monthly_budget, rate_limit, metadata) values (:name, :description, :ownerEmail, :ownerId, "
                + ":isActive, :monthlyBudget, :rateLimit, :metadata::jsonb) returning id"), a)
                .mapTo(Long.class)
                .one();
    }

    /**
     * An id for an App not inserted yet, for work that must name the App before its row exists
     * (a provider validating a selection for it); {@link #insert(Handle, long, NewApp)} uses it.
     * An id reserved and never used is a gap in the ids, nothing more.
     */
    public long reserveId(Handle h) {
        return h.createQuery("select nextval(pg_get_serial_sequence('apps', 'id'))").mapTo(Long.class).one();
    }

    /** Inserts the App under an id from {@link #reserveId}. */
    public void insert(Handle h, long id, NewApp a) {
        bind(h.createUpdate("insert into apps (id, name, description, owner_email, owner_id, is_active, "
                + "monthly_budget, rate_limit, metadata) values (:id, :name, :description, :ownerEmail, :ownerId, "
                + ":isActive, :monthlyBudget, :rateLimit, :metadata::jsonb)"), a)
                .bind("id", id)
                .execute();
    }

    public void update(Handle h, long id, NewApp a) {
        bind(h.createUpdate("update apps set name = :name, description = :description, owner_email = :ownerEmail, "
                + "owner_id = :ownerId, is_active = :isActive, monthly_budget = :monthlyBudget, "
                + "rate_limit = :rateLimit, metadata = :metadata::jsonb, updated_at = now() where id = :id"), a)
                .bind("id", id)
                .execute();
    }

    public void replaceResources(Handle h, long id, Kind kind, List<Long> resourceIds) {
        KindLinks.APP_RESOURCES.table(kind).replace(h, id, resourceIds);
    }

    /** Makes the App's plugin resources exactly {@code associations}, with their instances as the copies. */
    public void replacePluginResources(Handle h, long id, List<PluginResourceAssociation> associations) {
        PLUGIN_RESOURCES.replace(h, id, associations);
    }

    /** Deletes the App and (by cascade) its credentials and resource links. */
    public boolean delete(Handle h, long id) {
        return h.createUpdate("delete from apps where id = :id").bind("id", id).execute() == 1;
    }

    private static <S extends SqlStatement<S>> S bind(S statement, NewApp a) {
        return statement.bind("name", a.name())
                .bind("description", a.description())
                .bind("ownerEmail", a.ownerEmail())
                .bind("isActive", a.isActive())
                .bind("monthlyBudget", a.monthlyBudget())
                .bind("rateLimit", a.rateLimit())
                .bind("ownerId", a.ownerId()) // null: an App no user owns
                .bind("metadata", Json.write(a.metadata()));
    }

    private static Optional<AppRow> one(Handle h, String sql, long id) {
        return withResources(h, h.createQuery(sql).bind("id", id).map(ROW).list()).stream().findFirst();
    }

    /**
     * {@code rows} with their LLMs, datasources and tools, and their plugin resources: two queries,
     * however many rows.
     */
    private static List<AppRow> withResources(Handle h, List<AppRow> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        List<Long> ids = rows.stream().map(AppRow::id).toList();
        Map<Long, Map<Kind, List<Long>>> links = KindLinks.APP_RESOURCES.of(h, ids);
        Map<Long, List<PluginResourceAssociation>> plugin = PLUGIN_RESOURCES.of(h, ids);
        return rows.stream().map(row -> row.withResources(links.get(row.id()),
                plugin.getOrDefault(row.id(), List.of()))).toList();
    }
}
