package io.aigw.studio.apps;

import io.aigw.studio.db.Columns;
import io.aigw.studio.json.Json;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Timestamp;
import java.util.List;

/** SQL for the {@code credentials} table; the token hash goes in and never comes back out. */
public final class CredentialRepository {

    private static final String COLUMNS = "id, app_id, token_prefix, scopes::text as scopes, is_active, expires_at, "
            + "created_at, revoked_at";

    private static final RowMapper<CredentialRow> ROW = (rs, ctx) -> new CredentialRow(rs.getLong("id"),
            rs.getLong("app_id"), rs.getString("token_prefix"), Json.stringList(rs.getString("scopes")),
            rs.getBoolean("is_active"), Columns.instant(rs, "expires_at"), Columns.instant(rs, "created_at"),
            Columns.instant(rs, "revoked_at"));

    public List<CredentialRow> listForApp(Handle h, long appId) {
        return h.createQuery("select " + COLUMNS + " from credentials where app_id = :appId order by id")
                .bind("appId", appId)
                .map(ROW)
                .list();
    }

    public CredentialRow insert(Handle h, long appId, String tokenHash, String tokenPrefix,
                                CredentialRequest request) {
        return h.createQuery("insert into credentials (app_id, token_hash, token_prefix, scopes, expires_at) "
                        + "values (:appId, :tokenHash, :tokenPrefix, :scopes::jsonb, :expiresAt) returning " + COLUMNS)
                .bind("appId", appId)
                .bind("tokenHash", tokenHash)
                .bind("tokenPrefix", tokenPrefix)
                .bind("scopes", Json.write(request.scopes()))
                .bind("expiresAt", request.expiresAt() == null ? null : Timestamp.from(request.expiresAt()))
                .map(ROW)
                .one();
    }

    /** Revokes the credential if it belongs to {@code appId}; false when there is no such credential. */
    public boolean revoke(Handle h, long appId, long id) {
        return h.createUpdate("update credentials set is_active = false, revoked_at = coalesce(revoked_at, now()) "
                        + "where id = :id and app_id = :appId")
                .bind("id", id)
                .bind("appId", appId)
                .execute() == 1;
    }
}
