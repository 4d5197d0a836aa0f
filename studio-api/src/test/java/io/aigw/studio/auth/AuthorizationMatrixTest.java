package io.aigw.studio.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.studio.http.Access;
import io.aigw.studio.http.ApiRoute;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every admin-API route, called as nobody, as a plain user and as an admin. The table below must
 * name exactly the routes the server registers: a new route without a row fails
 * {@link #tableCoversEveryRoute()}. Destructive admin calls target ids that do not exist, so a 404
 * shows the call got past authorization without changing the fixtures.
 */
@ExtendWith(SystemExtension.class)
class AuthorizationMatrixTest {

    private static final String NONE = "999999";

    private record Row(String method, String template, String path, Object body, int asAnonymous, int asUser,
                       int asAdmin) {
    }

    private static TestSystem system;
    private static AdminClient admin;
    private static AdminClient user;
    private static AdminClient anonymous;
    private static final List<Row> ROWS = new ArrayList<>();
    private static long otherAppId;
    private static String userKey;

    @BeforeAll
    static void start(Systems systems) {
        system = systems.start();
        admin = system.admin();
        anonymous = admin.withKey(null);
        HttpResult createdUser = admin.post("/api/v1/users", Map.of("email", "matrix-user@example.com"));
        userKey = createdUser.json().path("api_key").asText();
        user = admin.withKey(userKey);
        long userId = user.get("/api/v1/me").id();
        long groupId = admin.post("/api/v1/groups", Map.of("name", "matrix", "member_ids", List.of(userId))).id();
        long appId = user.post("/api/v1/apps", Map.of("name", "mine")).id();
        otherAppId = admin.post("/api/v1/apps", Map.of("name", "not-mine")).id();
        String app = "/api/v1/apps/" + appId;

        row("GET", "/api/v1/me", "/api/v1/me", null, 200, 200);
        row("GET", "/api/v1/users", "/api/v1/users", null, 403, 200);
        row("POST", "/api/v1/users", "/api/v1/users", Map.of(), 403, 400);
        row("GET", "/api/v1/users/{id}", "/api/v1/users/" + userId, null, 403, 200);
        row("PATCH", "/api/v1/users/{id}", "/api/v1/users/" + NONE, Map.of("name", "x"), 403, 404);
        row("DELETE", "/api/v1/users/{id}", "/api/v1/users/" + NONE, null, 403, 404);
        // an unknown field: authorized callers get the 400, so no key is replaced mid-matrix
        row("POST", "/api/v1/me/api-key", "/api/v1/me/api-key", Map.of("x", 1), 400, 400);
        row("POST", "/api/v1/users/{id}/api-key", "/api/v1/users/" + NONE + "/api-key", null, 403, 404);

        row("GET", "/api/v1/groups", "/api/v1/groups", null, 200, 200);
        row("POST", "/api/v1/groups", "/api/v1/groups", Map.of(), 403, 400);
        row("GET", "/api/v1/groups/{id}", "/api/v1/groups/" + groupId, null, 200, 200);
        row("PATCH", "/api/v1/groups/{id}", "/api/v1/groups/" + NONE, Map.of("name", "x"), 403, 404);
        row("DELETE", "/api/v1/groups/{id}", "/api/v1/groups/" + NONE, null, 403, 404);
        row("POST", "/api/v1/groups/{id}/members", "/api/v1/groups/" + NONE + "/members", Map.of("user_id", userId),
                403, 404);
        row("DELETE", "/api/v1/groups/{id}/members/{userId}", "/api/v1/groups/" + NONE + "/members/" + userId, null,
                403, 404);
        row("GET", "/api/v1/groups/{id}/plugin-resources", "/api/v1/groups/" + groupId + "/plugin-resources", null,
                200, 200);
        row("PUT", "/api/v1/groups/{id}/plugin-resources", "/api/v1/groups/" + NONE + "/plugin-resources",
                Map.of("resources", List.of()), 403, 404);

        row("GET", "/api/v1/plugins", "/api/v1/plugins", null, 403, 200);
        row("POST", "/api/v1/plugins", "/api/v1/plugins", Map.of(), 403, 400);
        row("GET", "/api/v1/plugins/{id}", "/api/v1/plugins/" + NONE, null, 403, 404);
        row("PATCH", "/api/v1/plugins/{id}", "/api/v1/plugins/" + NONE, Map.of("name", "x"), 403, 404);
        row("DELETE", "/api/v1/plugins/{id}", "/api/v1/plugins/" + NONE, null, 403, 404);
        row("POST", "/api/v1/plugins/{id}/reload", "/api/v1/plugins/" + NONE + "/reload", null, 403, 404);
        row("GET", "/api/v1/plugins/{id}/config-schema", "/api/v1/plugins/" + NONE + "/config-schema", null, 403, 404);
        // a plugin's own UI is for every signed-in user; what a method may do is the plugin's decision
        row("GET", "/api/v1/plugins/{id}/ui/manifest", "/api/v1/plugins/" + NONE + "/ui/manifest", null, 404, 404);
        row("GET", "/api/v1/plugins/{id}/ui/assets/{+path}", "/api/v1/plugins/" + NONE + "/ui/assets/ui/a.js", null,
                404, 404);
        row("POST", "/api/v1/plugins/{id}/ui/rpc/{method}", "/api/v1/plugins/" + NONE + "/ui/rpc/list", Map.of(),
                404, 404);

        // signing in to the web UI is open to anyone (it checks the key itself), and so is signing out
        publicRow("POST", "/api/v1/session", "/api/v1/session", Map.of(), 400, 400, 400);
        publicRow("DELETE", "/api/v1/session", "/api/v1/session", null, 204, 204, 204);

        row("GET", "/api/v1/apps", "/api/v1/apps", null, 200, 200);
        row("POST", "/api/v1/apps", "/api/v1/apps", Map.of(), 400, 400);
        row("GET", "/api/v1/apps/{id}", app, null, 200, 200);
        row("GET", "/api/v1/apps/{id}/plugin-resources", app + "/plugin-resources", null, 200, 200);
        row("PATCH", "/api/v1/apps/{id}", app, Map.of("description", "changed"), 200, 200);
        row("DELETE", "/api/v1/apps/{id}", "/api/v1/apps/" + NONE, null, 404, 404);
        row("GET", "/api/v1/apps/{id}/credentials", app + "/credentials", null, 200, 200);
        row("POST", "/api/v1/apps/{id}/credentials", app + "/credentials", Map.of(), 201, 201);
        row("DELETE", "/api/v1/apps/{id}/credentials/{credentialId}", app + "/credentials/" + NONE, null, 404, 404);

        for (String kind : List.of("llm", "datasource", "tool")) {
            String resources = "/api/v1/" + kind + "s";
            row("GET", resources, resources, null, 200, 200);
            row("POST", resources, resources, Map.of(), 403, 400);
            row("GET", resources + "/{id}", resources + "/" + NONE, null, 404, 404);
            row("PATCH", resources + "/{id}", resources + "/" + NONE, Map.of("name", "x"), 403, 404);
            row("DELETE", resources + "/{id}", resources + "/" + NONE, null, 403, 404);
            String catalogues = "/api/v1/" + kind + "-catalogues";
            row("GET", catalogues, catalogues, null, 200, 200);
            row("POST", catalogues, catalogues, Map.of(), 403, 400);
            row("GET", catalogues + "/{id}", catalogues + "/" + NONE, null, 404, 404);
            row("PATCH", catalogues + "/{id}", catalogues + "/" + NONE, Map.of("name", "x"), 403, 404);
            row("DELETE", catalogues + "/{id}", catalogues + "/" + NONE, null, 403, 404);
        }

        String types = "/api/v1/plugin-resource-types";
        row("GET", types, types, null, 200, 200);
        row("GET", types + "/{id}", types + "/" + NONE, null, 404, 404);
        row("GET", types + "/{id}/instances", types + "/" + NONE + "/instances", null, 404, 404);
        row("POST", types + "/{id}/instances", types + "/" + NONE + "/instances", Map.of("name", "x"), 403, 404);

        String submissions = "/api/v1/submissions";
        row("GET", submissions, submissions, null, 200, 200);
        row("POST", submissions, submissions, Map.of(), 400, 400);
        row("GET", submissions + "/{id}", submissions + "/" + NONE, null, 404, 404);
        row("POST", submissions + "/{id}/approve", submissions + "/" + NONE + "/approve", Map.of("privacy_score", 1),
                403, 404);
        row("POST", submissions + "/{id}/reject", submissions + "/" + NONE + "/reject", Map.of("reason", "x"),
                403, 404);

        row("GET", "/api/v1/edges", "/api/v1/edges", null, 403, 200);
        // edges authenticate with the edge secret; neither user nor admin keys open these
        row("GET", "/api/v1/edge/stream", "/api/v1/edge/stream", null, 401, 401);
        row("POST", "/api/v1/edge/ack", "/api/v1/edge/ack", Map.of("edge_id", "x", "version", 1), 401, 401);
        String store = "/api/v1/edge/plugin-store/{plugin_id}/";
        String storeOf1 = "/api/v1/edge/plugin-store/1/";
        row("GET", store + "value", storeOf1 + "value?key=k", null, 401, 401);
        row("PUT", store + "value", storeOf1 + "value?key=k", Map.of("not", "an edge"), 401, 401);
        row("DELETE", store + "value", storeOf1 + "value?key=k", null, 401, 401);
        row("GET", store + "keys", storeOf1 + "keys?prefix=", null, 401, 401);
        row("GET", store + "entries", storeOf1 + "entries?prefix=", null, 401, 401);
    }

    private static String json(Object body) {
        try {
            return new ObjectMapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void row(String method, String template, String path, Object body, int asUser, int asAdmin) {
        ROWS.add(new Row(method, template, path, body, 401, asUser, asAdmin));
    }

    private static void publicRow(String method, String template, String path, Object body, int asAnonymous,
                                  int asUser, int asAdmin) {
        ROWS.add(new Row(method, template, path, body, asAnonymous, asUser, asAdmin));
    }

    @Test
    void tableCoversEveryRoute() {
        Set<String> registered = system.studio().routes().stream().map(r -> r.method() + " " + r.path())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> table = ROWS.stream().map(r -> r.method() + " " + r.template())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(registered, table, "every registered route needs exactly one matrix row");
        assertEquals(ROWS.size(), table.size(), "duplicate matrix rows");
        assertTrue(system.studio().routes().stream().map(ApiRoute::access).distinct().count() >= 3);
    }

    @Test
    void anonymousIsRefusedEverywhereButAtTheSignIn() {
        for (Row row : ROWS) {
            HttpResult r = anonymous.send(row.method(), row.path(), row.body());
            assertEquals(row.asAnonymous(), r.status(), "anonymous " + row.method() + " " + row.path() + " -> " + r);
            if (r.status() >= 400) {
                assertTrue(r.error() != null && !r.error().isEmpty(), "JSON error for " + row.path());
            }
        }
    }

    @Test
    void plainUserGetsOnlyWhatTheTableAllows() {
        for (Row row : ROWS) {
            HttpResult r = user.send(row.method(), row.path(), row.body());
            assertEquals(row.asUser(), r.status(), "user " + row.method() + " " + row.path() + " -> " + r);
        }
    }

    @Test
    void everyAdminOnlyRouteRefusesUsers() {
        for (ApiRoute route : system.studio().routes()) {
            if (route.access() != Access.ADMIN) {
                continue;
            }
            Row row = ROWS.stream().filter(r -> r.method().equals(route.method()) && r.template().equals(route.path()))
                    .findFirst().orElseThrow(() -> new AssertionError("no row for " + route));
            assertEquals(403, row.asUser(), route + " is admin-only, so a user gets 403");
        }
    }

    /** The web UI's way in: a user's session cookie opens exactly what their key opens. */
    @Test
    void aUsersSessionCookieGetsOnlyWhatTheirKeyGets() {
        HttpResult login = AdminClient.send(HttpRequest.newBuilder(system.apiBase().resolve("/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\": \"" + userKey + "\"}")));
        assertEquals(200, login.status(), login.toString());
        String cookie = login.header("Set-Cookie").split(";", 2)[0];
        for (Row row : ROWS) {
            if (row.template().equals("/api/v1/session")) {
                continue; // signing out would end the session this loop runs on
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(system.apiBase().resolve(row.path()))
                    .header("Cookie", cookie).header("X-AIGW-UI", "1").header("Content-Type", "application/json")
                    .method(row.method(), row.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json(row.body())));
            HttpResult r = AdminClient.send(request);
            int expected = row.template().startsWith("/api/v1/edge/") ? 401 : row.asUser();
            assertEquals(expected, r.status(), "user's session " + row.method() + " " + row.path() + " -> " + r);
        }
    }

    @Test
    void adminGetsPastAuthorizationEverywhere() {
        for (Row row : ROWS) {
            HttpResult r = admin.send(row.method(), row.path(), row.body());
            assertEquals(row.asAdmin(), r.status(), "admin " + row.method() + " " + row.path() + " -> " + r);
        }
    }

    @Test
    void aUserCannotReachAnotherUsersApp() {
        String other = "/api/v1/apps/" + otherAppId;
        assertEquals(404, user.get(other).status());
        assertEquals(404, user.patch(other, Map.of("name", "stolen")).status());
        assertEquals(404, user.delete(other).status());
        assertEquals(404, user.get(other + "/credentials").status());
        assertEquals(404, user.post(other + "/credentials", Map.of()).status());
        assertTrue(user.get("/api/v1/apps").json().findValues("id").stream().noneMatch(n -> n.asLong() == otherAppId));
        assertEquals("not-mine", admin.get(other).json().path("name").asText());
    }
}
