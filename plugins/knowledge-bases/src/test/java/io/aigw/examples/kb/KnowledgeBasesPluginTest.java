package io.aigw.examples.kb;

import io.aigw.plugin.api.BasicPluginContext;
import io.aigw.plugin.api.PluginStore;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourcePayloadRejectedException;
import io.aigw.plugin.api.ResourceSelectionRejectedException;
import io.aigw.plugin.api.ResourceTypeRegistration;
import io.aigw.plugin.api.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin on its own, over an in-memory store: what it answers the control plane's five calls.
 * (Against a started system, over both transports: studio-api's {@code KnowledgeBasesContract}.)
 */
class KnowledgeBasesPluginTest {

    final MapStore store = new MapStore();

    KnowledgeBasesPlugin start(Map<String, String> config) {
        return start(config, store);
    }

    static KnowledgeBasesPlugin start(Map<String, String> config, PluginStore store) {
        KnowledgeBasesPlugin plugin = new KnowledgeBasesPlugin();
        plugin.initialize(BasicPluginContext.named("kb-test", store), config);
        return plugin;
    }

    static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void providesAScoredTypeTakingSubmissionsAndAnUnscoredOne() {
        List<ResourceTypeRegistration> types = start(Map.of()).getResourceTypeRegistrations();
        assertEquals(List.of("knowledge_bases", "glossaries"), types.stream().map(ResourceTypeRegistration::slug).toList());
        assertTrue(types.get(0).hasPrivacyScore() && types.get(0).supportsSubmissions());
        assertFalse(types.get(1).hasPrivacyScore() || types.get(1).supportsSubmissions());
    }

    @Test
    void createdInstancesAreKeptInTheStoreOneKeyEach() throws Exception {
        KnowledgeBasesPlugin plugin = start(Map.of("default_region", "us-east"));
        ResourceInstance handbook = plugin.createResourceInstance(null, "knowledge_bases", json("""
                {"name": " Employee Handbook ", "description": "HR policies", "privacy_score": 40, "documents": 120}
                """));
        assertTrue(handbook.id().matches("employee-handbook-[a-z2-9]{6}"), handbook.id());
        assertEquals("Employee Handbook", handbook.name());
        assertEquals("HR policies", handbook.description());
        assertEquals(40, handbook.privacyScore());
        assertEquals("{\"documents\":120,\"region\":\"us-east\"}", handbook.metadata());
        assertTrue(handbook.isActive());
        assertEquals(List.of("instances/knowledge_bases/" + handbook.id()), List.copyOf(store.entries.keySet()));

        ResourceInstance glossary = plugin.createResourceInstance(null, "glossaries", json("""
                {"name": "Product terms", "language": "pt-BR", "terms": 300}
                """));
        assertEquals("{\"language\":\"pt-BR\",\"terms\":300}", glossary.metadata());
        assertEquals(0, glossary.privacyScore());

        // a new plugin instance (a reload, a restart) reads the same store
        KnowledgeBasesPlugin again = start(Map.of());
        assertEquals(List.of(handbook), again.listResourceInstances(null, "knowledge_bases"));
        assertEquals(List.of(glossary), again.listResourceInstances(null, "glossaries"));
        assertEquals(handbook, again.getResourceInstance(null, "knowledge_bases", handbook.id()));
        assertNull(again.getResourceInstance(null, "glossaries", handbook.id()), "another type's id");
        assertNull(again.getResourceInstance(null, "knowledge_bases", "no-such-kb"));
        assertNull(again.getResourceInstance(null, "knowledge_bases", "../" + handbook.id()), "not an id of ours");
    }

    @Test
    void listingReadsEveryPage() throws Exception {
        KnowledgeBasesPlugin plugin = start(Map.of());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            ids.add(plugin.createResourceInstance(null, "knowledge_bases",
                    json("{\"name\": \"kb " + i + "\", \"privacy_score\": 1}")).id());
        }
        List<String> listed = plugin.listResourceInstances(null, "knowledge_bases").stream()
                .map(ResourceInstance::id).toList();
        assertEquals(ids.stream().sorted().toList(), listed);
    }

    @Test
    void badPayloadsAreRefusedSayingWhy() {
        KnowledgeBasesPlugin plugin = start(Map.of());
        Map<String, String> refusals = Map.ofEntries(
                Map.entry("{\"privacy_score\": 10}", "'name' is required"),
                Map.entry("{\"name\": \"  \", \"privacy_score\": 10}", "'name' must not be blank"),
                Map.entry("{\"name\": 7, \"privacy_score\": 10}", "'name' must be a string"),
                Map.entry("{\"name\": \"a\"}", "'privacy_score' is required"),
                Map.entry("{\"name\": \"a\", \"privacy_score\": 101}", "'privacy_score' must be a whole number from 0 to 100, not 101"),
                Map.entry("{\"name\": \"a\", \"privacy_score\": -1}", "'privacy_score' must be a whole number from 0 to 100"),
                Map.entry("{\"name\": \"a\", \"privacy_score\": 4.5}", "'privacy_score' must be a whole number"),
                Map.entry("{\"name\": \"a\", \"privacy_score\": \"40\"}", "'privacy_score' must be a whole number"),
                Map.entry("{\"name\": \"a\", \"privacy_score\": 1, \"region\": \"Mars!\"}", "'region' must look like"),
                Map.entry("{\"name\": \"a\", \"privacy_score\": 1, \"api_key\": \"s3cret\"}",
                        "unknown field 'api_key'; a knowledge base takes name, description, privacy_score, documents, region"),
                Map.entry("[1, 2]", "the payload must be a JSON object"),
                Map.entry("{\"name\": ", "the payload is not JSON"));
        refusals.forEach((payload, message) -> {
            var e = assertThrows(ResourcePayloadRejectedException.class,
                    () -> plugin.createResourceInstance(null, "knowledge_bases", json(payload)), payload);
            assertTrue(e.getMessage().contains(message), payload + " -> " + e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"), "a refused value is not repeated: " + e.getMessage());
        });
        var scoredGlossary = assertThrows(ResourcePayloadRejectedException.class,
                () -> plugin.createResourceInstance(null, "glossaries", json("{\"name\": \"g\", \"privacy_score\": 3}")));
        assertTrue(scoredGlossary.getMessage().contains("glossaries carry no privacy score"), scoredGlossary.getMessage());
        assertTrue(store.entries.isEmpty(), "nothing stored");
    }

    @Test
    void anAppMayHoldAtMostMaxPerAppOfEachType() throws Exception {
        KnowledgeBasesPlugin plugin = start(Map.of("max_per_app", "2"));
        plugin.validateResourceSelection(null, "knowledge_bases", List.of("a", "b", "a"), 7);
        var e = assertThrows(ResourceSelectionRejectedException.class,
                () -> plugin.validateResourceSelection(null, "knowledge_bases", List.of("a", "b", "c"), 7));
        assertEquals("an App may hold at most 2 knowledge bases; App 7 selects 3", e.getMessage());
        assertThrows(ResourceSelectionRejectedException.class,
                () -> plugin.validateResourceSelection(null, "glossaries", List.of("a", "b", "c"), 7));
        assertEquals(5, Settings.of(Map.of()).maxPerApp(), "the default");
        var one = assertThrows(ResourceSelectionRejectedException.class, () -> start(Map.of("max_per_app", "1"))
                .validateResourceSelection(null, "glossaries", List.of("a", "b"), 8));
        assertEquals("an App may hold at most 1 glossary; App 8 selects 2", one.getMessage());
    }

    @Test
    void aBadConfigFailsTheStartNamingTheKey() {
        for (String bad : List.of("0", "-3", "many", "1001")) {
            var e = assertThrows(IllegalArgumentException.class, () -> start(Map.of("max_per_app", bad)));
            assertTrue(e.getMessage().startsWith("config 'max_per_app' must be"), e.getMessage());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> start(Map.of("default_region", "EU West")));
        assertTrue(e.getMessage().startsWith("config 'default_region'"), e.getMessage());
    }

    @Test
    void withoutAStoreEveryInstanceCallFailsRatherThanAnsweringEmpty() {
        KnowledgeBasesPlugin plugin = start(Map.of(), PluginStore.unavailable("this is an edge gateway"));
        assertThrows(StoreUnavailableException.class, () -> plugin.listResourceInstances(null, "knowledge_bases"));
        assertThrows(StoreUnavailableException.class, () -> plugin.createResourceInstance(null, "knowledge_bases",
                json("{\"name\": \"a\", \"privacy_score\": 1}")));
        assertEquals(2, plugin.getResourceTypeRegistrations().size(), "types need no store");
    }
}
