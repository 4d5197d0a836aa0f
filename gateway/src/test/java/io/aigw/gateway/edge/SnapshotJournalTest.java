package io.aigw.gateway.edge;

import io.aigw.gateway.auth.Tokens;
import io.aigw.gateway.config.AppConfig;
import io.aigw.gateway.config.AppCredential;
import io.aigw.gateway.config.ConfigDelta;
import io.aigw.gateway.config.ConfigSnapshot;
import io.aigw.gateway.config.ConfigState;
import io.aigw.gateway.config.CredentialConfig;
import io.aigw.gateway.config.SnapshotJson;
import io.aigw.plugin.api.App;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An edge's persisted config: a base snapshot and the deltas applied since, appended to a journal
 * at the cost of the delta; loaded as the state they add up to, up to a torn line or a gap; and
 * compacted into a new base once the journal outgrows it, keeping deltas that came after.
 */
class SnapshotJournalTest {

    private static ConfigSnapshot base() {
        return new ConfigSnapshot(5, List.of(), List.of(new AppConfig(app(1, "one"),
                List.of(new CredentialConfig(1, Tokens.hash("t1"), List.of(), true, null)))));
    }

    private static App app(long id, String name) {
        return new App(id, name, "", "", true, 0, 0, Map.of(), List.of());
    }

    private static ConfigDelta addApp(long from, long id) {
        return new ConfigDelta(from, from + 1, List.of(), List.of(), List.of(new AppConfig(app(id, "app-" + id),
                List.of())), List.of(), List.of(new AppCredential(id, new CredentialConfig(id, Tokens.hash("t" + id),
                List.of(), true, null))), List.of());
    }

    @Test
    void deltasAppendedAfterTheBaseAreThereAfterARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edge-snapshot.json");
        SnapshotStore store = new SnapshotStore(file);
        store.save(5, SnapshotJson.write(base()));
        ConfigState expected = ConfigState.of(base());
        for (long v = 5; v < 10; v++) {
            ConfigDelta delta = addApp(v, v);
            expected = expected.apply(delta);
            assertFalse(store.append(SnapshotJson.writeDelta(delta)), "a small journal is not compacted");
        }
        ConfigState loaded = new SnapshotStore(file).loadState().orElseThrow();
        assertEquals(10, loaded.version());
        assertEquals(expected.toSnapshot(), loaded.toSnapshot());
        assertEquals(base(), ConfigState.of(SnapshotJson.read(Files.readString(file))).toSnapshot(),
                "the base itself was not rewritten");
    }

    @Test
    void aTornLastLineOrAGapEndsWhatIsLoaded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edge-snapshot.json");
        SnapshotStore store = new SnapshotStore(file);
        store.save(5, SnapshotJson.write(base()));
        store.append(SnapshotJson.writeDelta(addApp(5, 5)));
        store.append(SnapshotJson.writeDelta(addApp(7, 7))); // 6→7 never arrived
        store.append(SnapshotJson.writeDelta(addApp(8, 8)));
        assertEquals(6, new SnapshotStore(file).loadState().orElseThrow().version());

        Path other = dir.resolve("other.json");
        SnapshotStore torn = new SnapshotStore(other);
        torn.save(5, SnapshotJson.write(base()));
        torn.append(SnapshotJson.writeDelta(addApp(5, 5)));
        Files.writeString(other.resolveSibling("other.json.journal"), "{\"format\":1,\"from\":6,\"to\"",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(6, new SnapshotStore(other).loadState().orElseThrow().version());
    }

    @Test
    void aJournalLargerThanItsBaseIsCompactedKeepingWhatCameAfter(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edge-snapshot.json");
        SnapshotStore store = new SnapshotStore(file);
        store.save(5, SnapshotJson.write(base()));
        ConfigState state = ConfigState.of(base());
        ConfigState compactAt = null;
        long v = 5;
        boolean due = false;
        while (!due) {
            ConfigDelta delta = addApp(v, v + 100);
            state = state.apply(delta);
            due = store.append(SnapshotJson.writeDelta(delta));
            v++;
        }
        compactAt = state;
        assertTrue(Files.size(file.resolveSibling("edge-snapshot.json.journal")) > SnapshotStore.COMPACT_FLOOR);
        // one more delta arrives while the compaction runs: it stays in the journal
        ConfigDelta later = addApp(v, 1_000_000);
        state = state.apply(later);
        store.append(SnapshotJson.writeDelta(later));
        store.compact(compactAt);

        assertEquals(compactAt.version(), SnapshotJson.read(Files.readString(file)).version());
        List<String> journal = Files.readAllLines(file.resolveSibling("edge-snapshot.json.journal"));
        assertEquals(1, journal.size(), "only the delta after the new base is left");
        ConfigState loaded = new SnapshotStore(file).loadState().orElseThrow();
        assertEquals(state.version(), loaded.version());
        assertEquals(state.toSnapshot(), loaded.toSnapshot());
    }

    @Test
    void aWholeSnapshotReplacesBaseAndJournal(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edge-snapshot.json");
        SnapshotStore store = new SnapshotStore(file);
        store.save(5, SnapshotJson.write(base()));
        store.append(SnapshotJson.writeDelta(addApp(5, 5)));
        ConfigSnapshot whole = new ConfigSnapshot(20, List.of(), List.of());
        store.save(20, SnapshotJson.write(whole));
        assertFalse(Files.exists(file.resolveSibling("edge-snapshot.json.journal")));
        assertEquals(whole, store.load().orElseThrow());
    }
}
