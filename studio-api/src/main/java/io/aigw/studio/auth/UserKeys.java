package io.aigw.studio.auth;

import io.aigw.gateway.auth.Tokens;
import io.aigw.studio.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Resolves user API keys. Looked up in the database on every request, so a deleted user or a
 * demoted admin loses access with the next request, not after a cache expires.
 */
public final class UserKeys {

    public static final String PREFIX = "aigw_user_";

    private final Database db;

    public UserKeys(Database db) {
        this.db = db;
    }

    public Optional<Caller> find(String key) {
        if (!Tokens.isPlausible(key)) {
            return Optional.empty();
        }
        String hash = Tokens.hash(key);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, email, name, is_admin, api_key_hash from users where api_key_hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    // The lookup is keyed by a hash the caller cannot steer; the final check is
                    // constant-time all the same.
                    if (rs.next() && Tokens.matches(key, rs.getString(5))) {
                        return Optional.of(caller(rs));
                    }
                    return Optional.empty();
                }
            }
        });
    }

    public Optional<Caller> bootstrapAdmin() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, email, name, is_admin from users where is_bootstrap");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(caller(rs)) : Optional.empty();
            }
        });
    }

    private static Caller caller(ResultSet rs) throws SQLException {
        return new Caller(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4));
    }
}
