package io.aigw.gateway.config;

import io.aigw.gateway.auth.CredentialIndex;
import io.aigw.gateway.auth.Tokens;
import io.aigw.plugin.api.App;
import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.plugin.api.ResourceInstance;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deltas applied to a gateway's config state: every kind of entity added, changed and removed,
 * one step at a time; a delta from the past changes nothing, one from after a gap is refused; the
 * state before a delta keeps serving what it served (a request in flight is never half-updated).
 * A delta's wire form carries all of it.
 */
class ConfigStateTest {

    private static App app(long id, String name, boolean active) {
        return new App(id, name, "", "owner@example.com", active, 0, 0, Map.of("k", name), List.of());
    }

    private static CredentialConfig credential(long id, String token, boolean active) {
        return new CredentialConfig(id, Tokens.hash(token), List.of("read"), active, null);
    }

    private static PluginConfig plugin(long id, String slug, boolean active) {
        return new PluginConfig(id, slug, "grpc://127.0.0.1:1", PluginConfig.CUSTOM_ENDPOINT,
                List.of(PluginConfig.CUSTOM_ENDPOINT), Map.of("slug", slug), active);
    }

    private static ConfigState base() {
        return ConfigState.of(new ConfigSnapshot(10, List.of(plugin(1, "one", true)), List.of(
                new AppConfig(app(1, "a", true), List.of(credential(1, "t1", true)), List.of(7L), List.of(), List.of()),
                new AppConfig(app(2, "b", true), List.of(credential(2, "t2", true), credential(3, "t3", true))))));
    }

    private static boolean accepts(ConfigState state, String token) {
        return CredentialIndex.of(state, Clock.systemUTC()).authenticate(token).isPresent();
    }

    @Test
    void aDeltaChangesExactlyWhatItNames() {
        ConfigState before = base();
        App resourced = new App(1, "a2", "", "owner@example.com", true, 0, 0, Map.of(), List.of(
                new PluginResourceAssociation(1, "kb", List.of("i1"), List.of(new ResourceInstance("i1", "I", "", 10,
                        "", true)))));
        ConfigDelta delta = new ConfigDelta(10, 12,
                List.of(plugin(1, "one", false), plugin(2, "two", true)), List.of(),
                List.of(new AppConfig(resourced, List.of(), List.of(8L), List.of(9L), List.of()),
                        new AppConfig(app(3, "c", true), List.of())), List.of(2L),
                List.of(new AppCredential(3, credential(4, "t4", true)), new AppCredential(1, credential(1, "t1", false))),
                List.of(2L, 3L));
        ConfigState after = before.apply(delta);

        assertEquals(12, after.version());
        assertEquals(List.of(false, true), after.plugins().stream().map(PluginConfig::isActive).toList());
        assertEquals("a2", after.app(1).app().name());
        assertEquals(List.of(8L), after.app(1).llmIds());
        assertEquals("i1", after.app(1).app().pluginResources().getFirst().instances().getFirst().id());
        assertEquals(null, after.app(2));
        assertEquals(2, after.appCount());
        assertTrue(accepts(after, "t4"), "a new credential");
        assertTrue(!accepts(after, "t1"), "a deactivated credential");
        assertTrue(!accepts(after, "t2") && !accepts(after, "t3"), "removed credentials");
        assertEquals(2, after.credentialCount());

        // the state before still serves what it served
        assertTrue(accepts(before, "t1") && accepts(before, "t2"));
        assertTrue(!accepts(before, "t4"));
        assertEquals("a", before.app(1).app().name());
        assertEquals(10, before.version());
    }

    @Test
    void aWholeSnapshotAndTheSameConfigurationReachedByDeltasAreEqual() {
        ConfigState stepped = base().apply(new ConfigDelta(10, 11, List.of(), List.of(),
                List.of(new AppConfig(app(5, "e", false), List.of())), List.of(),
                List.of(new AppCredential(5, credential(9, "t9", true))), List.of()));
        ConfigSnapshot whole = stepped.toSnapshot();
        assertEquals(whole, ConfigState.of(whole).toSnapshot());
        assertEquals(List.of(1L, 2L, 5L), whole.apps().stream().map(a -> a.app().id()).toList());
        assertEquals(List.of(2L, 3L), whole.apps().get(1).credentials().stream().map(CredentialConfig::id).toList());
        assertTrue(!accepts(stepped, "t9"), "a credential of an inactive App is refused");
    }

    @Test
    void oldDeltasChangeNothingAndAGapIsRefused() {
        ConfigState state = base();
        assertSame(state, state.apply(new ConfigDelta(8, 10, List.of(), List.of(), List.of(), List.of(2L),
                List.of(), List.of())), "nothing newer than version 10");
        DeltaGapException gap = assertThrows(DeltaGapException.class, () -> state.apply(new ConfigDelta(11, 12,
                List.of(), List.of(), List.of(), List.of(2L), List.of(), List.of())));
        assertEquals(10, gap.held());
        assertEquals(11, gap.from());
        // one that starts before the version held and ends after it applies: its entities are as of its end
        ConfigState caughtUp = state.apply(new ConfigDelta(9, 11, List.of(), List.of(), List.of(), List.of(2L),
                List.of(), List.of()));
        assertEquals(11, caughtUp.version());
        assertEquals(null, caughtUp.app(2));
    }

    @Test
    void aDeltaSurvivesItsWireForm() {
        App resourced = new App(4, "d", "desc", "o@example.com", true, 2.5, 60, Map.of("tier", "gold"), List.of(
                new PluginResourceAssociation(1, "kb", List.of("i1"), List.of(new ResourceInstance("i1", "I", "x", 10,
                        "{\"u\":1}", true)))));
        ConfigDelta delta = new ConfigDelta(41, 44, List.of(plugin(3, "three", true)), List.of(5L),
                List.of(new AppConfig(resourced, List.of(), List.of(1L), List.of(2L), List.of(3L))), List.of(6L),
                List.of(new AppCredential(4, new CredentialConfig(8, Tokens.hash("t8"), List.of("a", "b"), true,
                        java.time.Instant.parse("2031-01-01T00:00:00Z")))), List.of(7L, 9L));
        String json = SnapshotJson.writeDelta(delta);
        assertTrue(!json.contains("\n"), "one line");
        assertEquals(delta, SnapshotJson.readDelta(json));
        ConfigDelta empty = new ConfigDelta(1, 2, null, null, null, null, null, null);
        assertEquals("{\"format\":1,\"from\":1,\"to\":2}", SnapshotJson.writeDelta(empty), "empty lists are left out");
        assertEquals(empty, SnapshotJson.readDelta(SnapshotJson.writeDelta(empty)));
        assertThrows(IllegalArgumentException.class, () -> SnapshotJson.readDelta("{\"format\":2,\"from\":1,\"to\":2}"));
        assertThrows(IllegalArgumentException.class, () -> SnapshotJson.readDelta("{\"format\":1,\"to\":2}"));
    }

    @Test
    void aLargeSnapshotIsWrittenAndReadWholeAndStreamed() {
        List<AppConfig> apps = new ArrayList<>();
        for (long i = 1; i <= 2000; i++) {
            apps.add(new AppConfig(app(i, "app-" + i, true), List.of(credential(i, "token-" + i, true))));
        }
        ConfigSnapshot snapshot = new ConfigSnapshot(5, List.of(plugin(1, "one", true)), apps);
        ConfigSnapshot read = SnapshotJson.read(SnapshotJson.write(snapshot));
        assertEquals(snapshot, read);
        assertTrue(accepts(ConfigState.of(read), "token-1999"));
    }
}
