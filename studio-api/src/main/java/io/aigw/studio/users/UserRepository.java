package io.aigw.studio.users;

import io.aigw.studio.db.Columns;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;

/** SQL for the {@code users} table; callers own the handle and the transaction. */
public final class UserRepository {

    private static final String COLUMNS = "id, email, name, is_admin, is_bootstrap, is_active, api_key_prefix, "
            + "created_at, updated_at";

    private static final RowMapper<UserRow> ROW = (rs, ctx) -> new UserRow(rs.getLong("id"), rs.getString("email"),
            rs.getString("name"), rs.getBoolean("is_admin"), rs.getBoolean("is_bootstrap"), rs.getBoolean("is_active"),
            rs.getString("api_key_prefix"), Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));

    public List<UserRow> list(Handle h) {
        return h.createQuery("select " + COLUMNS + " from users order by id").map(ROW).list();
    }

    public Optional<UserRow> find(Handle h, long id) {
        return h.createQuery("select " + COLUMNS + " from users where id = :id")
                .bind("id", id)
                .map(ROW)
                .findOne();
    }

    public Optional<UserRow> findByEmail(Handle h, String email) {
        return h.createQuery("select " + COLUMNS + " from users where lower(email) = lower(:email)")
                .bind("email", email)
                .map(ROW)
                .findOne();
    }

    public UserRow insert(Handle h, String email, String name, boolean isAdmin, boolean isActive, String keyHash,
                          String keyPrefix) {
        return h.createQuery("insert into users (email, name, is_admin, is_active, api_key_hash, api_key_prefix) "
                        + "values (:email, :name, :isAdmin, :isActive, :keyHash, :keyPrefix) returning " + COLUMNS)
                .bind("email", email)
                .bind("name", name)
                .bind("isAdmin", isAdmin)
                .bind("isActive", isActive)
                .bind("keyHash", keyHash)
                .bind("keyPrefix", keyPrefix)
                .map(ROW)
                .one();
    }

    public UserRow update(Handle h, long id, String email, String name, boolean isAdmin, boolean isActive) {
        return h.createQuery("update users set email = :email, name = :name, is_admin = :isAdmin, "
                        + "is_active = :isActive, updated_at = now() where id = :id returning " + COLUMNS)
                .bind("id", id)
                .bind("email", email)
                .bind("name", name)
                .bind("isAdmin", isAdmin)
                .bind("isActive", isActive)
                .map(ROW)
                .one();
    }

    public UserRow replaceKey(Handle h, long id, String keyHash, String keyPrefix) {
        return h.createQuery("update users set api_key_hash = :keyHash, api_key_prefix = :keyPrefix, "
                        + "updated_at = now() where id = :id returning " + COLUMNS)
                .bind("id", id)
                .bind("keyHash", keyHash)
                .bind("keyPrefix", keyPrefix)
                .map(ROW)
                .one();
    }

    public boolean delete(Handle h, long id) {
        return h.createUpdate("delete from users where id = :id").bind("id", id).execute() == 1;
    }
}
