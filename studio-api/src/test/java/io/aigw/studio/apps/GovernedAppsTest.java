package io.aigw.studio.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access chain User → Group → Catalogue → LLM/datasource/tool, and the privacy rule. */
@ExtendWith(SystemExtension.class)
class GovernedAppsTest {

    private static TestSystem system;
    private static AdminClient admin;
    private static AdminClient member;
    private static AdminClient outsider;
    private static long llm80;
    private static long llm50;
    private static long llmHidden;
    private static long llmInactive;
    private static long ds60;
    private static long ds90;
    private static long tool;

    @BeforeAll
    static void start(Systems systems) {
        system = systems.start();
        admin = system.admin();
        member = system.newUser("member@example.com");
        outsider = system.newUser("outsider@example.com");
        llm80 = create("/api/v1/llms", Map.of("name", "gpt-enterprise", "vendor", "openai", "privacy_score", 80));
        llm50 = create("/api/v1/llms", Map.of("name", "small", "vendor", "acme", "privacy_score", 50));
        llmHidden = create("/api/v1/llms", Map.of("name", "hidden", "privacy_score", 100));
        llmInactive = create("/api/v1/llms", Map.of("name", "retired", "privacy_score", 90, "is_active", false));
        ds60 = create("/api/v1/datasources", Map.of("name", "internal-db", "privacy_score", 60));
        ds90 = create("/api/v1/datasources", Map.of("name", "hr-records", "privacy_score", 90));
        tool = create("/api/v1/tools", Map.of("name", "search", "privacy_score", 10));
        long llms = create("/api/v1/llm-catalogues", Map.of("name", "general",
                "llm_ids", List.of(llm80, llm50, llmInactive)));
        create("/api/v1/llm-catalogues", Map.of("name", "restricted", "llm_ids", List.of(llmHidden)));
        long datasources = create("/api/v1/datasource-catalogues", Map.of("name", "data", "datasource_ids",
                List.of(ds60, ds90)));
        long tools = create("/api/v1/tool-catalogues", Map.of("name", "tools", "tool_ids", List.of(tool)));
        long memberId = member.get("/api/v1/me").id();
        create("/api/v1/groups", Map.of("name", "engineering", "member_ids", List.of(memberId),
                "llm_catalogue_ids", List.of(llms), "datasource_catalogue_ids", List.of(datasources),
                "tool_catalogue_ids", List.of(tools)));
    }

    private static long create(String path, Map<String, Object> body) {
        HttpResult r = admin.post(path, body);
        assertEquals(201, r.status(), path + " " + r);
        return r.id();
    }

    @Test
    void usersSeeAndSelectOnlyWhatTheirGroupsGrant() {
        assertEquals(List.of(llm80, llm50, llmInactive), ids(member.get("/api/v1/llms").json()));
        assertEquals(0, outsider.get("/api/v1/llms").json().size());
        assertEquals(404, member.get("/api/v1/llms/" + llmHidden).status());
        assertEquals("openai", member.get("/api/v1/llms/" + llm80).json().path("vendor").asText());
        assertEquals(1, member.get("/api/v1/llm-catalogues").json().size());
        assertEquals(2, admin.get("/api/v1/llm-catalogues").json().size());

        HttpResult ok = member.post("/api/v1/apps", Map.of("name", "assistant", "llm_ids", List.of(llm80),
                "datasource_ids", List.of(ds60), "tool_ids", List.of(tool)));
        assertEquals(201, ok.status(), ok.toString());
        assertEquals(List.of(llm80), ids(ok.json().path("llm_ids")));
        assertEquals(List.of(ds60), ids(ok.json().path("datasource_ids")));
        assertEquals(List.of(tool), ids(ok.json().path("tool_ids")));
        assertEquals("member@example.com", ok.json().path("owner_email").asText());

        HttpResult hidden = member.post("/api/v1/apps", Map.of("name", "sneaky", "llm_ids", List.of(llmHidden)));
        assertEquals(400, hidden.status(), hidden.toString());
        assertTrue(hidden.error().contains("LLM " + llmHidden), hidden.error());
        assertEquals(400, outsider.post("/api/v1/apps", Map.of("name", "x", "llm_ids", List.of(llm80))).status());

        // admins bypass the catalogues
        assertEquals(201, admin.post("/api/v1/apps", Map.of("name", "admin-app", "llm_ids", List.of(llmHidden)))
                .status());
    }

    @Test
    void inactiveResourcesCannotBeSelected() {
        HttpResult r = member.post("/api/v1/apps", Map.of("name", "old", "llm_ids", List.of(llmInactive)));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.error().contains("inactive"), r.error());
    }

    @Test
    void datasourceAboveTheTopLlmScoreIsRefusedNamingBothScores() {
        HttpResult r = member.post("/api/v1/apps", Map.of("name", "leaky", "llm_ids", List.of(llm50, llm80),
                "datasource_ids", List.of(ds60, ds90)));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.error().contains("datasource " + ds90) && r.error().contains("90") && r.error().contains("80"),
                r.error());
        // the App row was inserted before the rule was checked: the rollback must have removed it
        assertTrue(member.get("/api/v1/apps").json().findValues("name").stream()
                .noneMatch(n -> n.asText().equals("leaky")), "nothing half-written");

        HttpResult low = member.post("/api/v1/apps", Map.of("name", "low", "llm_ids", List.of(llm50),
                "datasource_ids", List.of(ds60)));
        assertEquals(400, low.status(), low.toString());
        assertTrue(low.error().contains("60") && low.error().contains("50"), low.error());
    }

    @Test
    void refusedUpdateLeavesTheAppAsItWas() {
        long app = member.post("/api/v1/apps", Map.of("name", "stable", "llm_ids", List.of(llm80),
                "datasource_ids", List.of(ds60))).id();
        HttpResult r = member.patch("/api/v1/apps/" + app, Map.of("name", "renamed", "llm_ids", List.of(llm50)));
        assertEquals(400, r.status(), r.toString());
        JsonNode after = member.get("/api/v1/apps/" + app).json();
        assertEquals("stable", after.path("name").asText());
        assertEquals(List.of(llm80), ids(after.path("llm_ids")));
        assertEquals(List.of(ds60), ids(after.path("datasource_ids")));
    }

    @Test
    void anAppWithoutAnLlmMayHoldToolsButNoDatasource() {
        HttpResult r = member.post("/api/v1/apps", Map.of("name", "no-llm", "datasource_ids", List.of(ds60)));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.error().contains("without an LLM") && r.error().contains("datasource " + ds60), r.error());
        assertEquals(201, member.post("/api/v1/apps", Map.of("name", "tools-only", "tool_ids", List.of(tool)))
                .status());
    }

    @Test
    void resourcesInUseCannotBeDeleted() {
        long llm = create("/api/v1/llms", Map.of("name", "pinned", "privacy_score", 10));
        long app = admin.post("/api/v1/apps", Map.of("name", "pinning", "llm_ids", List.of(llm))).id();
        HttpResult r = admin.delete("/api/v1/llms/" + llm);
        assertEquals(409, r.status(), r.toString());
        assertEquals(204, admin.delete("/api/v1/apps/" + app).status());
        assertEquals(204, admin.delete("/api/v1/llms/" + llm).status());
    }

    @Test
    void validationOfResources() {
        assertEquals(400, admin.post("/api/v1/llms", Map.of("name", "x", "privacy_score", 101)).status());
        assertEquals(400, admin.post("/api/v1/llms", Map.of("name", "x")).status());
        assertEquals(400, admin.post("/api/v1/datasources", Map.of("name", "x", "privacy_score", 1, "vendor", "v"))
                .status());
        HttpResult missing = admin.post("/api/v1/llm-catalogues", Map.of("name", "c", "llm_ids", List.of(999999)));
        assertEquals(400, missing.status());
        assertTrue(missing.error().contains("999999"), missing.error());
    }

    @Test
    void ownerEmailFollowsTheUserAndUsersCannotGiveAppsAway() {
        AdminClient owner = system.newUser("before@example.com");
        long ownerId = owner.get("/api/v1/me").id();
        long app = owner.post("/api/v1/apps", Map.of("name", "mine")).id();
        assertEquals(403, owner.post("/api/v1/apps", Map.of("name", "theirs", "owner_id", 1)).status());
        assertEquals(200, admin.patch("/api/v1/users/" + ownerId, Map.of("email", "after@example.com")).status());
        JsonNode view = owner.get("/api/v1/apps/" + app).json();
        assertEquals("after@example.com", view.path("owner_email").asText());
        assertEquals(ownerId, view.path("owner_id").asLong());
        assertEquals(409, admin.delete("/api/v1/users/" + ownerId).status(), "a user owning Apps stays");
    }

    private static List<Long> ids(JsonNode array) {
        if (array.isArray() && !array.isEmpty() && array.get(0).isObject()) {
            return array.findValues("id").stream().map(JsonNode::asLong).toList();
        }
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asLong).toList();
    }
}
