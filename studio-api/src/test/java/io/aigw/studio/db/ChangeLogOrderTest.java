package io.aigw.studio.db;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Config versions are given to committing transactions in commit order (migration V7), so a
 * reader that has seen version V and reads the changes after V never misses one: not even a
 * change whose row was written before another's but committed after it — the race that a
 * watermark on the rows' ids would lose. And every such commit notifies listening control planes.
 */
class ChangeLogOrderTest {

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
    void aChangeWrittenFirstButCommittedLastComesAfterTheOneCommittedFirst() throws SQLException {
        long before = version();
        try (Connection first = db.dataSource().getConnection(); Connection second = db.dataSource().getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            long early = insertApp(first, "written first");
            long late = insertApp(second, "written second");
            assertTrue(changeRowId(first, early) < changeRowId(second, late), "ids follow the writes");

            second.commit();
            long afterSecond = version();
            assertEquals(before + 1, afterSecond);
            assertEquals(List.of(new ChangeLog.Changed("app", late)), between(before, afterSecond),
                    "a reader at this point sees only the committed change");

            first.commit();
            long afterFirst = version();
            assertEquals(afterSecond + 1, afterFirst, "the change written first takes the next version");
            assertEquals(List.of(new ChangeLog.Changed("app", early)), between(afterSecond, afterFirst),
                    "so a reader that already read up to the second still gets it");
        }
    }

    @Test
    void readersFollowingTheVersionSeeEveryChangeOfConcurrentWriters() throws Exception {
        int writers = 4;
        int each = 40;
        Set<Long> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<Long> seen = new HashSet<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(writers);
        long start = version();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        String name = "w" + writer + "-" + i;
                        // transactions of uneven length, so commits overtake each other
                        written.add(db.transaction(h -> {
                            long id = h.createQuery("insert into apps (name) values (:name) returning id")
                                    .bind("name", name).mapTo(Long.class).one();
                            sleepUpTo(3);
                            return id;
                        }));
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            });
        }
        long held = start;
        while (!done.await(1, TimeUnit.MILLISECONDS)) {
            held = readAfter(held, seen);
        }
        readAfter(held, seen);
        assertNull(failure.get());
        assertEquals(writers * each, written.size());
        assertEquals(written, seen, "every committed change was read, each by the reader that followed the version");
    }

    @Test
    void everyCommitThatChangesServedConfigurationNotifiesListeners() throws InterruptedException {
        AtomicInteger wakes = new AtomicInteger();
        // polling is out of the picture: only a notification wakes it within the test
        try (ChangeNotifications ignored = ChangeNotifications.start(db, wakes::incrementAndGet, Duration.ofMinutes(10))) {
            assertTrue(await(() -> wakes.get() >= 1), "woken once on start");
            int before = wakes.get();
            db.transaction(h -> h.execute("insert into apps (name) values ('notified')"));
            assertTrue(await(() -> wakes.get() > before), "woken by the commit");
        }
    }

    private static long readAfter(long held, Set<Long> seen) {
        return db.snapshot(h -> {
            long now = ChangeLog.versions(h).version();
            ChangeLog.between(h, held, now).forEach(c -> seen.add(c.id()));
            return now;
        });
    }

    private static void sleepUpTo(int millis) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(millis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    private static long version() {
        return db.snapshot(h -> ChangeLog.versions(h).version());
    }

    private static List<ChangeLog.Changed> between(long from, long to) {
        return db.snapshot(h -> ChangeLog.between(h, from, to));
    }

    private static long insertApp(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("insert into apps (name) values ('" + name + "') returning id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long changeRowId(Connection c, long app) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id from config_changes where entity = 'app' and entity_id = " + app)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
