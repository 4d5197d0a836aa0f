package io.aigw.studio.auth;

import io.aigw.gateway.auth.Tokens;
import io.aigw.studio.db.Database;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;

/**
 * Admin API keys, stored as SHA-256 hashes. The hashes are cached in memory so checking a request
 * costs no database round trip; the cache is reloaded whenever this process adds a key.
 */
public final class AdminKeys {

    public static final String PREFIX = "aigw_admin_";
    private static final Logger LOG = Logger.getLogger(AdminKeys.class.getName());

    private final Database db;
    private volatile List<byte[]> hashes = List.of();

    public AdminKeys(Database db) {
        this.db = db;
    }

    /**
     * Makes sure some key can log in: stores {@code configuredKey} if given; otherwise, when no key
     * exists yet, generates one and prints it once to stdout — the one place a secret is printed,
     * because nobody could use the API otherwise.
     */
    public void bootstrap(String configuredKey) {
        if (configuredKey != null) {
            if (add(configuredKey)) {
                LOG.info("admin key from STUDIO_ADMIN_KEY stored (hashed)");
            }
        } else if (count() == 0) {
            String key = Tokens.generate(PREFIX);
            add(key);
            System.out.println("==== GENERATED ADMIN API KEY (shown once; stored hashed): " + key + " ====");
            System.out.flush();
            LOG.warning("no STUDIO_ADMIN_KEY set and no admin key stored: generated one, printed once above");
        }
        reload();
    }

    /** Stores {@code key}'s hash; false if it was already there. */
    public boolean add(String key) {
        boolean added = db.transaction(h -> h.createUpdate(
                        "insert into admin_keys (key_hash) values (:hash) on conflict (key_hash) do nothing")
                .bind("hash", Tokens.hash(key))
                .execute() == 1);
        reload();
        return added;
    }

    /** True if {@code presented} is a stored key. Compares against every hash, in constant time each. */
    public boolean verify(String presented) {
        if (!Tokens.isPlausible(presented)) {
            return false;
        }
        byte[] candidate = Tokens.digest(presented);
        boolean found = false;
        for (byte[] hash : hashes) {
            found |= MessageDigest.isEqual(candidate, hash); // no early exit: timing says nothing
        }
        return found;
    }

    private long count() {
        return db.read(h -> h.createQuery("select count(*) from admin_keys").mapTo(Long.class).one());
    }

    private void reload() {
        hashes = db.read(h -> h.createQuery("select key_hash from admin_keys")
                .map((rs, ctx) -> HexFormat.of().parseHex(rs.getString("key_hash")))
                .list());
    }


}
