package io.aigw.studio.auth;

import io.aigw.gateway.auth.Tokens;
import io.aigw.studio.db.Database;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Browser sessions of the web UI (table {@code ui_sessions}). The browser holds a random 256-bit
 * token in an HttpOnly cookie; only its SHA-256 is stored, so a leaked table signs nobody in. A
 * session lasts {@link #IDLE} without use and {@link #ABSOLUTE} at most, and only while the user
 * is enabled and the API key they signed in with is still theirs (for the bootstrap admin: still
 * an admin key): checked in the database on every request, like API keys.
 */
public final class Sessions {

    public static final Duration IDLE = Duration.ofHours(12);
    public static final Duration ABSOLUTE = Duration.ofDays(7);
    /** Last use is written at most this often: a page firing ten requests costs one write, not ten. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /** What {@link Tokens#generate} makes without a prefix: 32 bytes, base64url without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final Database db;

    public Sessions(Database db) {
        this.db = db;
    }

    /**
     * Starts a session for {@code userId}, who signed in with the key hashing to {@code keyHash};
     * returns the token for the cookie (never stored). Expired sessions are swept on the way.
     */
    public String start(long userId, String keyHash) {
        String token = Tokens.generate("");
        db.transaction(h -> {
            h.createUpdate("delete from ui_sessions where expires_at < now() or last_seen_at < now() - "
                    + "make_interval(secs => :idle)").bind("idle", IDLE.toSeconds()).execute();
            return h.createUpdate("insert into ui_sessions (token_hash, user_id, key_hash, expires_at) "
                            + "values (:hash, :user, :key, :expires)")
                    .bind("hash", Tokens.hash(token))
                    .bind("user", userId)
                    .bind("key", keyHash)
                    .bind("expires", java.sql.Timestamp.from(Instant.now().plus(ABSOLUTE)))
                    .execute();
        });
        return token;
    }

    /** The signed-in user of {@code token}, if the session still counts (see the class comment). */
    public Optional<Caller> find(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token);
        Optional<Found> found = db.read(h -> h.createQuery("select u.id, u.email, u.name, u.is_admin, "
                        + "s.last_seen_at < now() - make_interval(secs => :touch) as stale "
                        + "from ui_sessions s join users u on u.id = s.user_id "
                        + "where s.token_hash = :hash and s.expires_at > now() "
                        + "and s.last_seen_at > now() - make_interval(secs => :idle) and u.is_active "
                        + "and (s.key_hash = u.api_key_hash or (u.is_bootstrap and exists "
                        + "(select 1 from admin_keys k where k.key_hash = s.key_hash)))")
                .bind("hash", hash)
                .bind("idle", IDLE.toSeconds())
                .bind("touch", TOUCH_EVERY.toSeconds())
                .map((rs, ctx) -> new Found(new Caller(rs.getLong("id"), rs.getString("email"), rs.getString("name"),
                        rs.getBoolean("is_admin")), rs.getBoolean("stale")))
                .findFirst());
        found.filter(Found::stale).ifPresent(f -> db.transaction(h -> h.createUpdate(
                "update ui_sessions set last_seen_at = now() where token_hash = :hash").bind("hash", hash).execute()));
        return found.map(Found::caller);
    }

    /** Ends the session of {@code token}, if there is one. */
    public void end(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return;
        }
        db.transaction(h -> h.createUpdate("delete from ui_sessions where token_hash = :hash")
                .bind("hash", Tokens.hash(token)).execute());
    }

    /** Ends every session of user {@code userId}, in the caller's transaction. */
    public static void endAllOf(Handle h, long userId) {
        h.createUpdate("delete from ui_sessions where user_id = :user").bind("user", userId).execute();
    }

    private record Found(Caller caller, boolean stale) {
    }
}
