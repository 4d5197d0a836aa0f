package io.aigw.studio.apps;

import io.aigw.studio.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** SQL for the {@code credentials} table; the token hash goes in and never comes back out. */
public final class CredentialRepository {

    private static final String COLUMNS = "id, app_id, token_prefix, scopes::text, is_active, expires_at, "
            + "created_at, revoked_at";

    public List<CredentialRow> listForApp(Connection c, long appId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select " + COLUMNS + " from credentials where app_id = ? order by id")) {
            ps.setLong(1, appId);
            return readAll(ps);
        }
    }

    public CredentialRow insert(Connection c, long appId, String tokenHash, String tokenPrefix,
                                CredentialRequest request) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into credentials (app_id, token_hash, token_prefix, "
                + "scopes, expires_at) values (?, ?, ?, ?::jsonb, ?) returning " + COLUMNS)) {
            ps.setLong(1, appId);
            ps.setString(2, tokenHash);
            ps.setString(3, tokenPrefix);
            ps.setString(4, Json.write(request.scopes()));
            ps.setTimestamp(5, request.expiresAt() == null ? null : Timestamp.from(request.expiresAt()));
            return readAll(ps).getFirst();
        }
    }

    /** Revokes the credential if it belongs to {@code appId}; false when there is no such credential. */
    public boolean revoke(Connection c, long appId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update credentials set is_active = false, "
                + "revoked_at = coalesce(revoked_at, now()) where id = ? and app_id = ?")) {
            ps.setLong(1, id);
            ps.setLong(2, appId);
            return ps.executeUpdate() == 1;
        }
    }

    private static List<CredentialRow> readAll(PreparedStatement ps) throws SQLException {
        List<CredentialRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new CredentialRow(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        Json.stringList(rs.getString(4)), rs.getBoolean(5), instant(rs.getTimestamp(6)),
                        instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8))));
            }
        }
        return rows;
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
