package io.aigw.studio.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the embedded database's start does with a {@code postmaster.pid} it finds: it stops only a
 * PostgreSQL of its own data directory that no live system owns, and never any other process.
 */
class LeftoverPostmasterTest {

    @TempDir
    Path dir;

    @Test
    void aPidFileNamingAnUnrelatedLiveProcessNeitherBlocksTheStartNorGetsItKilled() throws Exception {
        Database.open(null, dir).close(); // an initialised data directory, cleanly stopped
        Process unrelated = new ProcessBuilder("sleep", "300").start();
        try {
            // what a crash leaves when the pid is later reused by another program
            Files.writeString(dir.resolve("postgres").resolve("postmaster.pid"),
                    unrelated.pid() + "\n" + dir.resolve("postgres") + "\n");
            try (Database db = Database.open(null, dir)) {
                assertEquals(1, selectOne(db));
            }
            assertTrue(unrelated.isAlive(), "the process the stale pid file named was left alone");
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aDataDirectoryInUseIsRefusedAndItsServerKeepsServing() {
        try (Database running = Database.open(null, dir)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Database.open(null, dir));
            assertTrue(String.valueOf(refused.getMessage()).contains("is in use by another running system"),
                    String.valueOf(refused.getMessage()));
            assertEquals(1, selectOne(running));
        }
    }

    private static int selectOne(Database db) {
        return db.read(h -> h.createQuery("select 1").mapTo(Integer.class).one());
    }
}
