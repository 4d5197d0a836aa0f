package io.aigw.studio.auth;

import io.aigw.gateway.auth.Tokens;
import io.aigw.studio.db.Database;

import org.jdbi.v3.core.mapper.RowMapper;

import java.util.Optional;

/**
 * Resolves user API keys. Looked up in the database on every request, so a deleted user or a
 * demoted admin loses access with the next request, not after a cache expires.
 */
public final class UserKeys {

    public static final String PREFIX = "aigw_user_";

    private static final RowMapper<Caller> CALLER = (rs, ctx) -> new Caller(rs.getLong("id"), rs.getString("email"),
            rs.getString("name"), rs.getBoolean("is_admin"));

    private final Database db;

    public UserKeys(Database db) {
        this.db = db;
    }

    public Optional<Caller> find(String key) {
        if (!Tokens.isPlausible(key)) {
            return Optional.empty();
        }
        String hash = Tokens.hash(key);
        Optional<StoredKey> stored = db.read(h -> h.createQuery("select id, email, name, is_admin, api_key_hash "
                        + "from users where api_key_hash = :hash")
                .bind("hash", hash)
                .map((rs, ctx) -> new StoredKey(CALLER.map(rs, ctx), rs.getString("api_key_hash")))
                .findFirst());
        // The lookup is keyed by a hash the caller cannot steer; the final check is constant-time
        // all the same.
        return stored.filter(s -> Tokens.matches(key, s.keyHash())).map(StoredKey::caller);
    }

    public Optional<Caller> bootstrapAdmin() {
        return db.read(h -> h.createQuery("select id, email, name, is_admin from users where is_bootstrap")
                .map(CALLER)
                .findFirst());
    }

    private record StoredKey(Caller caller, String keyHash) {
    }
}
