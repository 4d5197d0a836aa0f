package io.aigw.studio.db;

import io.aigw.gateway.auth.Tokens;
import io.aigw.studio.auth.AdminKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded database, the schema's own guarantees, and admin keys — no gateway involved. */
class DatabaseTest {

    @TempDir
    static Path dir;
    static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(null, dir);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void twoActivePluginsCannotShareASlugEvenWithoutTheApi() {
        db.transaction(c -> update(c, "insert into plugins (name, command, config) values ('a', 'grpc://h:1', '{\"slug\":\"same\"}')"));
        DatabaseException e = assertThrows(DatabaseException.class, () -> db.transaction(c -> update(c,
                "insert into plugins (name, command, config) values ('b', 'grpc://h:2', '{\"slug\":\"same\"}')")));
        assertEquals("23505", e.sqlCause().getSQLState());
        db.transaction(c -> update(c, "insert into plugins (name, command, config, is_active) "
                + "values ('c', 'grpc://h:3', '{\"slug\":\"same\"}', false)"));
    }

    @Test
    void schemaRefusesNonsense() {
        assertThrows(DatabaseException.class, () -> db.transaction(c -> update(c,
                "insert into plugins (name, command) values ('a', 'rm -rf /')")));
        assertThrows(DatabaseException.class, () -> db.transaction(c -> update(c,
                "insert into plugins (name, command, source) values ('a', 'grpc://h:1', 'elsewhere')")));
        assertThrows(DatabaseException.class, () -> db.transaction(c -> update(c,
                "insert into apps (name, metadata) values ('a', '[1]')")));
        assertThrows(DatabaseException.class, () -> db.transaction(c -> update(c,
                "insert into apps (name, rate_limit) values ('a', -1)")));
    }

    @Test
    void transactionRollsBackOnFailure() {
        assertThrows(IllegalStateException.class, () -> db.transaction(c -> {
            update(c, "insert into apps (name) values ('rolled-back')");
            throw new IllegalStateException("boom");
        }));
        long count = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from apps where name = 'rolled-back'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertEquals(0, count);
    }

    @Test
    void adminKeysAreStoredHashedAndVerified() {
        AdminKeys keys = new AdminKeys(db);
        String key = Tokens.generate(AdminKeys.PREFIX);
        keys.bootstrap(key);
        assertTrue(keys.verify(key));
        assertFalse(keys.verify(key + "x"));
        assertFalse(keys.verify(""));
        assertFalse(keys.verify(null));
        long stored = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from admin_keys where key_hash = ?")) {
                ps.setString(1, Tokens.hash(key));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        assertEquals(1, stored);
        keys.bootstrap(key); // idempotent
        AdminKeys restarted = new AdminKeys(db);
        restarted.bootstrap(null); // keys exist: nothing generated, the stored hashes are loaded
        assertTrue(restarted.verify(key));
    }

    private static int update(java.sql.Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        }
    }
}
