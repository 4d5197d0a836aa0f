package io.aigw.studio.db;

import io.aigw.gateway.auth.Tokens;
import io.aigw.studio.auth.AdminKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded database, the schema's own guarantees, the config change log, and admin keys — no
 * gateway involved.
 */
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
        db.transaction(h -> h.execute("insert into plugins (name, command, config) values ('a', 'grpc://h:1', '{\"slug\":\"same\"}')"));
        DatabaseException e = assertThrows(DatabaseException.class, () -> db.transaction(h -> h.execute(
                "insert into plugins (name, command, config) values ('b', 'grpc://h:2', '{\"slug\":\"same\"}')")));
        assertEquals("23505", e.sqlCause().getSQLState());
        db.transaction(h -> h.execute("insert into plugins (name, command, config, is_active) "
                + "values ('c', 'grpc://h:3', '{\"slug\":\"same\"}', false)"));
    }

    @Test
    void schemaRefusesNonsense() {
        assertThrows(DatabaseException.class, () -> db.transaction(h -> h.execute(
                "insert into plugins (name, command) values ('a', 'rm -rf /')")));
        assertThrows(DatabaseException.class, () -> db.transaction(h -> h.execute(
                "insert into plugins (name, command, source) values ('a', 'grpc://h:1', 'elsewhere')")));
        assertThrows(DatabaseException.class, () -> db.transaction(h -> h.execute(
                "insert into apps (name, metadata) values ('a', '[1]')")));
        assertThrows(DatabaseException.class, () -> db.transaction(h -> h.execute(
                "insert into apps (name, rate_limit) values ('a', -1)")));
    }

    @Test
    void transactionRollsBackOnFailure() {
        assertThrows(IllegalStateException.class, () -> db.transaction(h -> {
            h.execute("insert into apps (name) values ('rolled-back')");
            throw new IllegalStateException("boom");
        }));
        long count = db.read(h -> h.createQuery("select count(*) from apps where name = 'rolled-back'")
                .mapTo(Long.class).one());
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
        long stored = db.read(h -> h.createQuery("select count(*) from admin_keys where key_hash = :hash")
                .bind("hash", Tokens.hash(key)).mapTo(Long.class).one());
        assertEquals(1, stored);
        keys.bootstrap(key); // idempotent
        AdminKeys restarted = new AdminKeys(db);
        restarted.bootstrap(null); // keys exist: nothing generated, the stored hashes are loaded
        assertTrue(restarted.verify(key));
    }

    @Test
    void aCommittedChangeOfServedDataIsReportedOnceAfterCommitAndNothingElseIs() {
        AtomicInteger published = new AtomicInteger();
        AtomicInteger seenInsideTransaction = new AtomicInteger(-1);
        db.onConfigChange(published::incrementAndGet);
        try {
            long app = db.transaction(h -> {
                long id = h.createQuery("insert into apps (name) values ('served') returning id").mapTo(Long.class).one();
                seenInsideTransaction.set(published.get());
                return id;
            });
            assertEquals(0, seenInsideTransaction.get(), "reported only after the commit");
            assertEquals(1, published.get());

            db.transaction(h -> h.execute("insert into groups (name) values ('not served')"));
            db.transaction(h -> h.execute("insert into llms (name, privacy_score) values ('not linked', 5)"));
            db.transaction(h -> h.createQuery("select count(*) from apps").mapTo(Long.class).one());
            db.transaction(h -> h.execute("update apps set updated_at = now() where id = " + app));
            assertEquals(1, published.get(), "no gateway serves groups, unlinked LLMs or updated_at");

            assertThrows(IllegalStateException.class, () -> db.transaction(h -> {
                h.execute("update apps set name = 'rolled back' where id = " + app);
                throw new IllegalStateException("boom");
            }));
            assertEquals(1, published.get(), "a rolled-back change is not published");

            db.transaction(h -> h.execute("update apps set is_active = false where id = " + app));
            assertEquals(2, published.get());
        } finally {
            db.onConfigChange(() -> { });
        }
    }

    @Test
    void changeRowsNameTheServedEntityAChangeTouched() {
        long user = db.transaction(h -> h.createQuery("insert into users (email) values ('owner@example.com') "
                + "returning id").mapTo(Long.class).one());
        long llm = db.transaction(h -> h.createQuery("insert into llms (name, privacy_score) values ('m', 5) "
                + "returning id").mapTo(Long.class).one());
        long plugin = db.transaction(h -> h.createQuery("insert into plugins (name, command) "
                + "values ('p', 'grpc://h:9') returning id").mapTo(Long.class).one());
        long app = db.transaction(h -> h.createQuery("insert into apps (name, owner_id) values ('owned', :user) "
                + "returning id").bind("user", user).mapTo(Long.class).one());
        long credential = db.transaction(h -> h.createQuery("insert into credentials (app_id, token_hash, "
                + "token_prefix) values (:app, repeat('a', 64), 'aigw_') returning id")
                .bind("app", app).mapTo(Long.class).one());
        long before = lastChangeId();

        db.transaction(h -> h.execute("insert into app_llms (app_id, resource_id) values (?, ?)", app, llm));
        db.transaction(h -> h.execute("update users set name = 'a name no gateway sees' where id = ?", user));
        db.transaction(h -> h.execute("update users set email = 'new-owner@example.com' where id = ?", user));
        db.transaction(h -> h.execute("update plugins set description = 'unseen', manifest = '{}' where id = ?",
                plugin));
        db.transaction(h -> h.execute("update plugins set config = '{\"slug\":\"p9\"}' where id = ?", plugin));
        db.transaction(h -> h.execute("update credentials set is_active = false, revoked_at = now() where id = ?",
                credential));
        db.transaction(h -> h.execute("delete from app_llms where app_id = ?", app));
        db.transaction(h -> h.execute("update apps set owner_id = null where id = ?", app));
        db.transaction(h -> h.execute("delete from apps where id = ?", app));

        List<String> rows = db.read(h -> h.createQuery("select entity || ' ' || entity_id || ' ' || op "
                + "from config_changes where id > :before order by id").bind("before", before).mapTo(String.class).list());
        assertEquals(List.of(
                "app " + app + " update",          // LLM linked
                "app " + app + " update",          // its owner's new email
                "plugin " + plugin + " update",    // config (description and manifest are unseen)
                "credential " + credential + " update",
                "app " + app + " update",          // LLM unlinked
                "app " + app + " update"),         // owner removed
                rows.subList(0, 6));
        // The App's delete and what it cascades to (in either order); its links add nothing.
        assertEquals(java.util.Set.of("app " + app + " delete", "credential " + credential + " delete"),
                java.util.Set.copyOf(rows.subList(6, rows.size())));
        assertEquals(8, rows.size(), rows.toString());
        List<Long> txids = db.read(h -> h.createQuery("select distinct txid from config_changes where id > :before")
                .bind("before", before).mapTo(Long.class).list());
        assertEquals(7, txids.size(), "one transaction id per committed change: " + txids);
    }

    @Test
    void pruningDropsOnlyOldChangeRows() {
        db.transaction(h -> h.execute("insert into apps (name) values ('old change')"));
        db.transaction(h -> h.execute("update config_changes set changed_at = now() - interval '2 days' "
                + "where id = (select max(id) from config_changes)"));
        db.transaction(h -> h.execute("insert into apps (name) values ('recent change')"));
        long total = changeRows();
        int pruned = db.transaction(h -> ChangeLog.prune(h, Duration.ofDays(1)));
        assertEquals(1, pruned);
        assertEquals(total - 1, changeRows());
    }

    private static long changeRows() {
        return db.read(h -> h.createQuery("select count(*) from config_changes").mapTo(Long.class).one());
    }

    private static long lastChangeId() {
        return db.read(h -> h.createQuery("select coalesce(max(id), 0) from config_changes").mapTo(Long.class).one());
    }
}
