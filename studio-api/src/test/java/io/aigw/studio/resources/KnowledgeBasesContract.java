package io.aigw.studio.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.gateway.edge.Edge;
import io.aigw.gateway.edge.EdgeSettings;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.aigw.studio.resources.ResourceProviderContract.byId;
import static io.aigw.studio.resources.ResourceProviderContract.ids;
import static io.aigw.studio.resources.ResourceProviderContract.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 003 end to end with the real example plugin, {@code plugins/knowledge-bases}, as the
 * README's walkthrough uses it: its types from the manifest and the runtime, instances it keeps in
 * its plugin store, group grants, Apps selecting instances under the privacy rule and the plugin's
 * own limit, failing closed, the instances reaching the gateway's plugins and an edge, submissions,
 * and its store surviving a control-plane restart. Subclasses run the plugin as the dropped-in jar
 * and as the external binary. (The rules one by one, with test plugins: {@link ResourceProviderContract},
 * {@code AppPluginResourcesTest}.)
 */
@ExtendWith(SystemExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KnowledgeBasesContract {

    /** Generous for a loaded CI box: every wait ends as soon as what it waits for has happened. */
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String KB = "knowledge_bases";
    static final String GLOSSARIES = "glossaries";
    /** The config both transports run the plugin with (its default is 5). */
    static final int MAX_PER_APP = 3;

    TestSystem system;
    long pluginId;
    String aliceKey;
    String bobKey;
    long group;
    long llm60;
    /** Instance ids by name, created by the admin at the start (granted to alice's group unless noted). */
    final Map<String, String> kb = new LinkedHashMap<>();

    /**
     * Registers the example plugin under {@code name} with {@code max_per_app} {@link #MAX_PER_APP}
     * and returns its id (waiting is the caller's part).
     */
    abstract long install(TestSystem system, String name) throws IOException;

    /** Takes the provider away (its registration stays active), so that calls to it cannot succeed. */
    abstract void stopProvider() throws IOException;

    /** Undoes {@link #stopProvider()}. */
    abstract void startProvider() throws IOException;

    @BeforeAll
    void start(Systems systems) throws IOException {
        // a fixed API port, so clients made before the restart test still reach it after; a handshake
        // limit for a loaded box, where two plugin JVMs starting at once after the restart took over 10 s
        system = systems.start(Map.of("STUDIO_PORT", String.valueOf(TestSystem.freePort()),
                "PLUGIN_HANDSHAKE_TIMEOUT", "30s"));
        system.installEcho();
        pluginId = install(system, "knowledge-bases");
        awaitTypes(pluginId);

        AdminClient admin = admin();
        aliceKey = newUser("alice@example.com");
        bobKey = newUser("bob@example.com");
        AdminClient alice = alice();
        llm60 = created(admin.post("/api/v1/llms", Map.of("name", "eu-hosted-model", "privacy_score", 60)));
        long models = created(admin.post("/api/v1/llm-catalogues", Map.of("name", "models", "llm_ids", List.of(llm60))));
        group = created(admin.post("/api/v1/groups", Map.of("name", "research",
                "member_ids", List.of(alice.get("/api/v1/me").id()), "llm_catalogue_ids", List.of(models))));
        for (Object[] instance : List.of(new Object[] {"Public Docs", 10}, new Object[] {"Team Wiki", 50},
                new Object[] {"HR Records", 90}, new Object[] {"Release Notes", 20}, new Object[] {"Style Guide", 30},
                new Object[] {"Board Minutes", 15})) {
            HttpResult r = admin.post(instances(pluginId, KB), Map.of("name", instance[0],
                    "description", "seeded by the test", "privacy_score", instance[1], "documents", 7));
            assertEquals(201, r.status(), r.toString());
            kb.put((String) instance[0], r.json().path("id").asText());
        }
        grant(KB, List.of(kb.get("Public Docs"), kb.get("Team Wiki"), kb.get("HR Records"), kb.get("Release Notes"),
                kb.get("Style Guide"))); // not "Board Minutes"
    }

    // ---- types

    @Test
    void typesComeFromTheManifestAndFromTheRuntime() {
        HttpResult list = bob().get("/api/v1/plugin-resource-types");
        assertEquals(200, list.status(), list.toString());
        JsonNode knowledge = type(list.json(), pluginId, KB);
        assertNotNull(knowledge, list.body());
        assertEquals("Knowledge Bases", knowledge.path("name").asText());
        assertEquals("Document collections with a sensitivity classification", knowledge.path("description").asText());
        assertEquals("MenuBook", knowledge.path("icon").asText());
        assertTrue(knowledge.path("has_privacy_score").asBoolean());
        assertTrue(knowledge.path("supports_submissions").asBoolean());
        // picked with the plugin's own Web Component, one of its UI assets (PluginUiTest)
        assertEquals("kb-selector", knowledge.path("form_component").path("tag").asText(), knowledge.toString());
        assertEquals("ui/webc/kb-selector.js", knowledge.path("form_component").path("entry_point").asText());
        assertEquals("manifest", knowledge.path("source").asText());

        JsonNode glossaries = type(list.json(), pluginId, GLOSSARIES);
        assertNotNull(glossaries, "declared only by getResourceTypeRegistrations(): " + list.body());
        assertEquals("runtime", glossaries.path("source").asText());
        assertTrue(glossaries.path("form_component").isNull(), "the standard multi-select: " + glossaries);
        assertEquals("Glossaries", glossaries.path("name").asText());
        assertFalse(glossaries.path("has_privacy_score").asBoolean());
        assertFalse(glossaries.path("supports_submissions").asBoolean());

        JsonNode status = admin().get("/api/v1/plugins/" + pluginId).json().path("status");
        assertEquals("running", status.path("state").asText(), status.toString());
        assertTrue(status.path("error").isNull() || status.path("error").isMissingNode(), "no problem: " + status);
    }

    @Test
    void deactivationHidesTheTypesAndTheirReturnKeepsTheirIdsGrantsAppLinksAndInstances() {
        AdminClient admin = admin();
        long kbType = typeId(pluginId, KB);
        long glossaryType = typeId(pluginId, GLOSSARIES);
        long app = created(admin.post("/api/v1/apps", Map.of("name", "kept-through-deactivation",
                "llm_ids", List.of(llm60), "plugin_resources", List.of(selection(KB, kb.get("Public Docs"))))));
        JsonNode grantsBefore = admin.get("/api/v1/groups/" + group + "/plugin-resources").json();
        JsonNode linksBefore = admin.get("/api/v1/apps/" + app + "/plugin-resources").json();
        List<String> instancesBefore = ids(admin.get(instances(pluginId, KB)).json());

        assertEquals(200, admin.patch("/api/v1/plugins/" + pluginId, Map.of("is_active", false)).status());
        try {
            assertTrue(TestSystem.await(WAIT, () -> {
                JsonNode types = alice().get("/api/v1/plugin-resource-types").json();
                return type(types, pluginId, KB) == null && type(types, pluginId, GLOSSARIES) == null;
            }), "both types leave the list");
            HttpResult refused = alice().post("/api/v1/apps", Map.of("name", "while-deactivated",
                    "llm_ids", List.of(llm60), "plugin_resources", List.of(selection(KB, kb.get("Public Docs")))));
            assertEquals(400, refused.status(), refused.toString());
            assertTrue(refused.error().contains("inactive"), refused.error());
            assertFalse(appNames(admin).contains("while-deactivated"), "nothing written");
            assertEquals(grantsBefore, admin.get("/api/v1/groups/" + group + "/plugin-resources").json(), "grants stay");
            assertEquals(linksBefore, admin.get("/api/v1/apps/" + app + "/plugin-resources").json(), "App links stay");
        } finally {
            assertEquals(200, admin.patch("/api/v1/plugins/" + pluginId, Map.of("is_active", true)).status());
        }
        awaitTypes(pluginId);
        assertEquals(kbType, typeId(pluginId, KB), "the same id");
        assertEquals(glossaryType, typeId(pluginId, GLOSSARIES));
        assertEquals(instancesBefore, ids(admin.get(instances(pluginId, KB)).json()), "the plugin store kept them");
        assertEquals(grantsBefore, admin.get("/api/v1/groups/" + group + "/plugin-resources").json());
        assertEquals(linksBefore, admin.get("/api/v1/apps/" + app + "/plugin-resources").json());
    }

    // ---- instances and grants

    @Test
    void usersSeeOnlyTheInstancesTheirGroupsAreGranted() {
        HttpResult all = admin().get(instances(pluginId, KB));
        assertEquals(200, all.status(), all.toString());
        assertTrue(ids(all.json()).containsAll(kb.values()), all.body());
        JsonNode wiki = byId(all.json(), kb.get("Team Wiki"));
        assertEquals("Team Wiki", wiki.path("name").asText());
        assertEquals("seeded by the test", wiki.path("description").asText());
        assertEquals(50, wiki.path("privacy_score").asInt());
        assertEquals(7, wiki.path("metadata").path("documents").asInt(), wiki.toString());
        assertEquals("eu", wiki.path("metadata").path("region").asText(), "the config's default region: " + wiki);
        assertTrue(wiki.path("is_active").asBoolean());

        Set<String> granted = Set.of(kb.get("Public Docs"), kb.get("Team Wiki"), kb.get("HR Records"),
                kb.get("Release Notes"), kb.get("Style Guide"));
        HttpResult alices = alice().get(instances(pluginId, KB));
        assertEquals(200, alices.status(), alices.toString());
        assertTrue(new HashSet<>(ids(alices.json())).containsAll(granted), alices.body());
        assertFalse(ids(alices.json()).contains(kb.get("Board Minutes")), "not granted: " + alices.body());
        assertEquals(List.of(), ids(bob().get(instances(pluginId, KB)).json()), "bob is in no group");
        assertEquals(List.of(), ids(alice().get(instances(pluginId, GLOSSARIES)).json()), "no glossary granted");
        assertEquals(403, alice().post(instances(pluginId, KB), Map.of("name", "mine", "privacy_score", 1)).status(),
                "only admins create directly");
    }

    @Test
    void badCreationPayloadsAreRefusedWithThePluginsReason() {
        AdminClient admin = admin();
        int before = admin.get(instances(pluginId, KB)).json().size();
        Map<Map<String, Object>, String> refusals = Map.of(
                Map.of("description", "no name", "privacy_score", 10), "'name' is required",
                Map.of("name", "Too Sensitive", "privacy_score", 150),
                "'privacy_score' must be a whole number from 0 to 100, not 150",
                Map.of("name", "Unscored"), "'privacy_score' is required",
                Map.of("name", "Leaky", "privacy_score", 5, "api_key", "s3cret"), "unknown field 'api_key'");
        refusals.forEach((payload, reason) -> {
            HttpResult r = admin.post(instances(pluginId, KB), payload);
            assertEquals(400, r.status(), payload + ": " + r);
            assertTrue(r.error().contains("refused the payload") && r.error().contains(reason), r.error());
            assertFalse(r.error().contains("s3cret"), r.error());
        });
        assertEquals(before, admin.get(instances(pluginId, KB)).json().size(), "nothing created");
        HttpResult glossary = admin.post(instances(pluginId, GLOSSARIES), Map.of("name", "Product Terms",
                "language", "de", "terms", 42));
        assertEquals(201, glossary.status(), glossary.toString());
        assertEquals("de", glossary.json().path("metadata").path("language").asText(), glossary.toString());
    }

    // ---- Apps

    @Test
    void appsTakeGrantedInstancesUnderThePrivacyRuleAndThePluginsLimit() {
        AdminClient alice = alice();
        String docs = kb.get("Public Docs");
        String wiki = kb.get("Team Wiki");
        String hr = kb.get("HR Records");
        String notes = kb.get("Release Notes");
        String style = kb.get("Style Guide");
        String minutes = kb.get("Board Minutes");

        HttpResult ok = alice.post("/api/v1/apps", app("research-assistant", selection(KB, docs, wiki)));
        assertEquals(201, ok.status(), ok.toString());
        long app = ok.id();
        JsonNode stored = alice.get("/api/v1/apps/" + app + "/plugin-resources").json().path("plugin_resources");
        assertEquals(List.of(docs, wiki), strings(stored.get(0).path("instance_ids")), stored.toString());
        assertEquals("Team Wiki", stored.get(0).path("instances").get(1).path("name").asText(), stored.toString());
        assertEquals(50, stored.get(0).path("instances").get(1).path("privacy_score").asInt());

        HttpResult ungranted = alice.post("/api/v1/apps", app("sneaky", selection(KB, docs, minutes)));
        assertEquals(400, ungranted.status(), ungranted.toString());
        assertTrue(ungranted.error().contains("'" + minutes + "'") && ungranted.error().contains("not granted"),
                ungranted.error());

        HttpResult overScore = alice.post("/api/v1/apps", app("leaky", selection(KB, docs, hr)));
        assertEquals(400, overScore.status(), overScore.toString());
        assertTrue(overScore.error().contains("privacy rule") && overScore.error().contains("'" + hr + "'")
                && overScore.error().contains("90") && overScore.error().contains("60"), overScore.error());

        HttpResult overLimit = alice.post("/api/v1/apps", app("greedy", selection(KB, docs, wiki, notes, style)));
        assertEquals(400, overLimit.status(), overLimit.toString());
        assertTrue(overLimit.error().startsWith("an App may hold at most " + MAX_PER_APP + " knowledge bases; App ")
                && overLimit.error().endsWith(" selects 4"), "the plugin's own message: " + overLimit.error());

        HttpResult noLlm = alice.post("/api/v1/apps", Map.of("name", "no-model",
                "plugin_resources", List.of(selection(KB, docs))));
        assertEquals(400, noLlm.status(), noLlm.toString());
        assertTrue(noLlm.error().contains("without an LLM"), noLlm.error());
        for (String refused : List.of("sneaky", "leaky", "greedy", "no-model")) {
            assertFalse(appNames(alice).contains(refused), refused + " was not written");
        }

        // the same checks on update; the App stays as it was after each refusal
        for (Map<String, Object> bad : List.of(selection(KB, docs, minutes), selection(KB, docs, hr),
                selection(KB, docs, wiki, notes, style))) {
            HttpResult r = alice.patch("/api/v1/apps/" + app, Map.of("name", "renamed", "plugin_resources", List.of(bad)));
            assertEquals(400, r.status(), bad + ": " + r);
        }
        JsonNode unchanged = alice.get("/api/v1/apps/" + app).json();
        assertEquals("research-assistant", unchanged.path("name").asText());
        assertEquals(List.of(docs, wiki), strings(unchanged.path("plugin_resources").get(0).path("instance_ids")));
        HttpResult updated = alice.patch("/api/v1/apps/" + app, Map.of("plugin_resources",
                List.of(selection(KB, wiki, notes, style))));
        assertEquals(200, updated.status(), updated.toString());
        assertEquals(List.of(wiki, notes, style), strings(updated.json().path("plugin_resources").get(0)
                .path("instance_ids")), "at the limit is fine");

        // admins bypass the grants, not the privacy rule
        assertEquals(201, admin().post("/api/v1/apps", app("admin-picked", selection(KB, minutes))).status());
        assertEquals(400, admin().post("/api/v1/apps", app("admin-leaky", selection(KB, hr))).status());
    }

    @Test
    void failsClosedWhileTheProviderIsStoppedAndNothingIsWritten() throws IOException {
        AdminClient admin = admin();
        long app = created(alice().post("/api/v1/apps", app("steady", selection(KB, kb.get("Public Docs")))));
        long pending = created(alice().post("/api/v1/submissions", submission(typeId(pluginId, KB),
                Map.of("name", "Waiting Room", "documents", 3))));
        String kbInstances = instances(pluginId, KB);
        stopProvider();
        try {
            HttpResult create = admin.post("/api/v1/apps", app("while-stopped", selection(KB, kb.get("Team Wiki"))));
            assertEquals(503, create.status(), create.toString());
            assertFalse(appNames(admin).contains("while-stopped"), "nothing written");

            HttpResult patch = alice().patch("/api/v1/apps/" + app, Map.of("name", "changed",
                    "plugin_resources", List.of(selection(KB, kb.get("Public Docs"), kb.get("Team Wiki")))));
            assertEquals(503, patch.status(), patch.toString());
            JsonNode unchanged = admin.get("/api/v1/apps/" + app).json();
            assertEquals("steady", unchanged.path("name").asText());
            assertEquals(List.of(kb.get("Public Docs")),
                    strings(unchanged.path("plugin_resources").get(0).path("instance_ids")));

            HttpResult approve = admin.post("/api/v1/submissions/" + pending + "/approve", Map.of("privacy_score", 20));
            assertEquals(503, approve.status(), approve.toString());
            HttpResult list = admin.get(kbInstances);
            assertEquals(503, list.status(), list.toString());
            HttpResult direct = admin.post(kbInstances, Map.of("name", "x", "privacy_score", 1));
            assertEquals(503, direct.status(), direct.toString());
            for (HttpResult r : List.of(create, patch, approve, list, direct)) {
                assertTrue(r.error().contains("(id " + pluginId + ")"), "names the plugin: " + r.error());
            }
            assertEquals("pending", admin.get("/api/v1/submissions/" + pending).json().path("status").asText());
        } finally {
            startProvider();
            awaitTypes(pluginId);
        }
        assertTrue(TestSystem.await(WAIT, () -> admin.get(instances(pluginId, KB)).status() == 200), "answers again");
        HttpResult approved = admin.post("/api/v1/submissions/" + pending + "/approve", Map.of("privacy_score", 20));
        assertEquals(200, approved.status(), approved.toString());
    }

    // ---- what gateways get

    @Test
    void theGatewayAndAnEdgeHandPluginsTheAppsInstances() throws IOException {
        AdminClient admin = admin();
        String glossary = admin.post(instances(pluginId, GLOSSARIES), Map.of("name", "Legal Terms", "terms", 80))
                .json().path("id").asText();
        long app = created(admin.post("/api/v1/apps", Map.of("name", "edge-bound", "llm_ids", List.of(llm60),
                "plugin_resources", List.of(selection(KB, kb.get("Team Wiki"), kb.get("Release Notes")),
                        selection(GLOSSARIES, glossary)))));
        String token = token(app);

        HttpResult echoed = system.gatewayGet("/plugins/echo/whoami", token);
        assertEquals(200, echoed.status(), echoed.toString());
        assertHandedOver(echoed.json().path("app").path("plugin_resources"), glossary);

        Path root = system.dataDir().resolveSibling("edge");
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Files.copy(TestSystem.echoJar().orElseThrow(), plugins.resolve("echo-endpoint.jar"));
        try (Edge edge = Edge.start(EdgeSettings.fromEnv(Map.of(
                "CONTROL_PLANE_URL", system.apiBase().toString(),
                "EDGE_SECRET", TestSystem.EDGE_SECRET,
                "EDGE_NAME", "edge-kb",
                "GATEWAY_HOST", "127.0.0.1",
                "GATEWAY_PORT", "0",
                "PLUGINS_DIR", plugins.toString(),
                "DATA_DIR", root.resolve("data").toString(),
                "PLUGINS_DIR_SCAN_INTERVAL", "100ms")))) {
            HttpResult[] last = new HttpResult[1];
            assertTrue(TestSystem.await(WAIT, () -> {
                last[0] = edgeGet(edge, "/plugins/echo/whoami", token);
                return last[0].status() == 200;
            }), "the edge serves the App's token: " + last[0]);
            assertHandedOver(last[0].json().path("app").path("plugin_resources"), glossary);

            assertEquals(200, admin.patch("/api/v1/apps/" + app, Map.of("plugin_resources",
                    List.of(selection(KB, kb.get("Public Docs"))))).status());
            assertTrue(TestSystem.await(WAIT, () -> {
                JsonNode handed = edgeGet(edge, "/plugins/echo/whoami", token).json().path("app")
                        .path("plugin_resources");
                return handed.size() == 1 && strings(handed.get(0).path("instance_ids"))
                        .equals(List.of(kb.get("Public Docs")));
            }), "the edge follows the change");
        }
    }

    private void assertHandedOver(JsonNode handed, String glossary) {
        assertEquals(2, handed.size(), handed.toString());
        JsonNode knowledge = handed.get(0);
        assertEquals(pluginId, knowledge.path("plugin_id").asLong());
        assertEquals(KB, knowledge.path("resource_type_slug").asText());
        assertEquals(List.of(kb.get("Team Wiki"), kb.get("Release Notes")), strings(knowledge.path("instance_ids")));
        JsonNode wiki = knowledge.path("instances").get(0);
        assertEquals("Team Wiki", wiki.path("name").asText(), wiki.toString());
        assertEquals(50, wiki.path("privacy_score").asInt());
        assertEquals(7, wiki.path("metadata").path("documents").asInt(), wiki.toString());
        assertEquals("eu", wiki.path("metadata").path("region").asText());
        assertTrue(wiki.path("is_active").asBoolean());
        JsonNode glossaries = handed.get(1);
        assertEquals(GLOSSARIES, glossaries.path("resource_type_slug").asText());
        assertEquals(glossary, glossaries.path("instances").get(0).path("id").asText());
        assertEquals(80, glossaries.path("instances").get(0).path("metadata").path("terms").asInt(), glossaries.toString());
    }

    // ---- submissions

    @Test
    void aSubmissionIsApprovedIntoASelectableInstanceOrRejectedAndDecidedOnce() {
        AdminClient admin = admin();
        AdminClient alice = alice();
        long type = typeId(pluginId, KB);

        HttpResult submitted = alice.post("/api/v1/submissions", submission(type, Map.of("name", "Onboarding Guide",
                "description", "for new hires", "documents", 12)));
        assertEquals(201, submitted.status(), submitted.toString());
        long id = submitted.id();
        assertEquals("pending", submitted.json().path("status").asText());

        HttpResult approved = admin.post("/api/v1/submissions/" + id + "/approve", Map.of("privacy_score", 35));
        assertEquals(200, approved.status(), approved.toString());
        String instance = approved.json().path("created_instance_id").asText();
        assertTrue(instance.startsWith("onboarding-guide-"), "the plugin's id: " + approved);
        JsonNode listed = byId(admin.get(instances(pluginId, KB)).json(), instance);
        assertNotNull(listed, "the plugin stored it");
        assertEquals("Onboarding Guide", listed.path("name").asText());
        assertEquals(35, listed.path("privacy_score").asInt(), "the approved score: " + listed);
        assertEquals(12, listed.path("metadata").path("documents").asInt(), listed.toString());

        assertFalse(ids(alice.get(instances(pluginId, KB)).json()).contains(instance), "not granted yet");
        List<String> grantedNow = new ArrayList<>(List.of(kb.get("Public Docs"), kb.get("Team Wiki"),
                kb.get("HR Records"), kb.get("Release Notes"), kb.get("Style Guide")));
        grantedNow.add(instance);
        grant(KB, grantedNow);
        assertTrue(ids(alice.get(instances(pluginId, KB)).json()).contains(instance), "selectable once granted");
        HttpResult app = alice.post("/api/v1/apps", app("onboarding-bot", selection(KB, instance)));
        assertEquals(201, app.status(), app.toString());
        assertEquals(List.of(instance), strings(app.json().path("plugin_resources").get(0).path("instance_ids")));

        assertEquals(409, admin.post("/api/v1/submissions/" + id + "/approve", Map.of("privacy_score", 35)).status());
        assertEquals(409, admin.post("/api/v1/submissions/" + id + "/reject", Map.of("reason", "late")).status());

        long duplicate = created(alice.post("/api/v1/submissions", submission(type, Map.of("name", "Onboarding Guide"))));
        HttpResult rejected = admin.post("/api/v1/submissions/" + duplicate + "/reject", Map.of("reason", "we have it"));
        assertEquals(200, rejected.status(), rejected.toString());
        assertEquals("rejected", rejected.json().path("status").asText());
        assertEquals("we have it", alice.get("/api/v1/submissions/" + duplicate).json().path("rejection_reason").asText());
        assertEquals(409, admin.post("/api/v1/submissions/" + duplicate + "/approve", Map.of("privacy_score", 1))
                .status());

        // a payload the plugin refuses: the admin learns why, and it stays pending to be rejected
        long nameless = created(alice.post("/api/v1/submissions", submission(type, Map.of("description", "no name"))));
        HttpResult refused = admin.post("/api/v1/submissions/" + nameless + "/approve", Map.of("privacy_score", 5));
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.error().contains("'name' is required"), refused.error());
        assertEquals("pending", alice.get("/api/v1/submissions/" + nameless).json().path("status").asText());
        assertEquals(200, admin.post("/api/v1/submissions/" + nameless + "/reject", Map.of("reason", "no name"))
                .status());

        HttpResult notTaken = alice.post("/api/v1/submissions", submission(typeId(pluginId, GLOSSARIES),
                Map.of("name", "x")));
        assertEquals(400, notTaken.status(), notTaken.toString());
        assertTrue(notTaken.error().contains("does not take submissions"), notTaken.error());
    }

    // ---- the plugin store

    @Test
    void eachRegistrationHasItsOwnStoreAndItSurvivesARestart() throws IOException {
        AdminClient admin = admin();
        long second = install(system, "knowledge-bases-second");
        awaitTypes(second);
        assertEquals(List.of(), ids(admin.get(instances(second, KB)).json()), "a store of its own: none of the first's");
        HttpResult made = admin.post(instances(second, KB), Map.of("name", "Second Only", "privacy_score", 5));
        assertEquals(201, made.status(), made.toString());
        String onlyThere = made.json().path("id").asText();
        assertFalse(ids(admin.get(instances(pluginId, KB)).json()).contains(onlyThere), "nor the first of its");

        List<String> firstBefore = ids(admin.get(instances(pluginId, KB)).json());
        long app = created(admin.post("/api/v1/apps", app("survivor", selection(KB, kb.get("Public Docs")))));
        String token = token(app);

        system.restart();

        awaitTypes(pluginId);
        awaitTypes(second);
        assertTrue(TestSystem.await(WAIT, () -> admin.get(instances(pluginId, KB)).status() == 200), "serving");
        assertEquals(firstBefore, ids(admin.get(instances(pluginId, KB)).json()), "the instances survived");
        assertEquals(List.of(onlyThere), ids(admin.get(instances(second, KB)).json()));
        assertEquals(List.of(kb.get("Public Docs")), strings(admin.get("/api/v1/apps/" + app + "/plugin-resources")
                .json().path("plugin_resources").get(0).path("instance_ids")));
        assertTrue(TestSystem.await(WAIT, () -> {
            HttpResult echoed = system.gatewayGet("/plugins/echo/whoami", token);
            return echoed.status() == 200 && echoed.json().path("app").path("plugin_resources").get(0)
                    .path("instances").get(0).path("name").asText().equals("Public Docs");
        }), "the gateway hands the App's instance over after the restart");
    }

    // ---- helpers

    AdminClient admin() {
        return system.admin();
    }

    AdminClient alice() {
        return new AdminClient(system.apiBase(), aliceKey);
    }

    AdminClient bob() {
        return new AdminClient(system.apiBase(), bobKey);
    }

    /** The instances path of plugin {@code plugin}'s type {@code slug}. */
    String instances(long plugin, String slug) {
        return "/api/v1/plugin-resource-types/" + typeId(plugin, slug) + "/instances";
    }

    /** A new (non-admin) user; returns their API key. */
    String newUser(String email) {
        HttpResult r = admin().post("/api/v1/users", Map.of("email", email, "name", email));
        assertEquals(201, r.status(), r.toString());
        return r.json().path("api_key").asText();
    }

    /** Waits until both types of plugin {@code id} are listed as active. */
    void awaitTypes(long id) {
        assertTrue(TestSystem.await(WAIT, () -> {
            HttpResult list = admin().get("/api/v1/plugin-resource-types");
            return list.status() == 200 && type(list.json(), id, KB) != null && type(list.json(), id, GLOSSARIES) != null;
        }), "plugin " + id + "'s types are registered: " + admin().get("/api/v1/plugin-resource-types").body()
                + "; plugin: " + admin().get("/api/v1/plugins/" + id).body());
    }

    static JsonNode type(JsonNode types, long pluginId, String slug) {
        for (JsonNode t : types) {
            if (t.path("plugin_id").asLong() == pluginId && t.path("slug").asText().equals(slug)) {
                return t;
            }
        }
        return null;
    }

    long typeId(long plugin, String slug) {
        JsonNode type = type(admin().get("/api/v1/plugin-resource-types").json(), plugin, slug);
        assertNotNull(type, slug + " of plugin " + plugin + " is listed");
        return type.path("id").asLong();
    }

    Map<String, Object> selection(String slug, String... instanceIds) {
        return Map.of("plugin_id", pluginId, "resource_type_slug", slug, "instance_ids", List.of(instanceIds));
    }

    Map<String, Object> app(String name, Map<String, Object> selection) {
        return Map.of("name", name, "llm_ids", List.of(llm60), "plugin_resources", List.of(selection));
    }

    void grant(String slug, List<String> instanceIds) {
        HttpResult r = admin().send("PUT", "/api/v1/groups/" + group + "/plugin-resources",
                Map.of("resources", List.of(Map.of("plugin_id", pluginId, "resource_type_slug", slug,
                        "instance_ids", instanceIds))));
        assertEquals(200, r.status(), r.toString());
    }

    static Map<String, Object> submission(long typeId, Map<String, Object> payload) {
        return ResourceProviderContract.submission(typeId, payload);
    }

    String token(long app) {
        HttpResult r = admin().post("/api/v1/apps/" + app + "/credentials", Map.of());
        assertEquals(201, r.status(), r.toString());
        return r.json().path("token").asText();
    }

    static List<String> appNames(AdminClient client) {
        return client.get("/api/v1/apps").json().findValues("name").stream().map(JsonNode::asText).toList();
    }

    static long created(HttpResult r) {
        assertEquals(201, r.status(), r.toString());
        return r.id();
    }

    static HttpResult edgeGet(Edge edge, String path, String token) {
        return AdminClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET());
    }
}
