package io.aigw.gateway.edge;

import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.SnapshotJson;
import io.aigw.gateway.config.SnapshotJsonTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotStoreTest {

    @Test
    void savesAtomicallyAndLoadsBack(@TempDir Path dir) throws Exception {
        SnapshotStore store = new SnapshotStore(dir.resolve("data/edge-snapshot.json"));
        assertTrue(store.load().isEmpty());
        ConfigSnapshot snapshot = SnapshotJsonTest.sampleSnapshot();
        store.save(SnapshotJson.write(snapshot));
        store.save(SnapshotJson.write(snapshot)); // replacing an existing file
        assertEquals(snapshot, store.load().orElseThrow());
        assertFalse(Files.exists(dir.resolve("data/edge-snapshot.json.tmp")), "no temporary file left behind");
    }

    @Test
    void unreadableFileIsIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edge-snapshot.json");
        Files.writeString(file, "{\"format\": 1, \"vers");
        assertTrue(new SnapshotStore(file).load().isEmpty());
    }

    @Test
    void backoffDoublesUpToTheCapAndResets() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(800));
        long[] upper = {100, 200, 400, 800, 800, 800};
        for (long max : upper) {
            long d = backoff.next().toMillis();
            assertTrue(d >= max / 2 && d <= max, d + " within [" + max / 2 + ", " + max + "]");
        }
        backoff.reset();
        assertTrue(backoff.next().toMillis() <= 100);
    }
}
