package io.aigw.studio.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every write endpoint of the admin API, in one table: a write that changes what gateways serve is
 * in the snapshot the gateways hold when the call returns (a new version, with the change in it);
 * a write that changes nothing a gateway serves publishes nothing. "What the gateways hold" is
 * read the way an edge gateway gets it (the edge stream's current snapshot) and checked against
 * the embedded gateway's applied version; where a plugin can show it, through the gateway too.
 */
class EveryWriteIsPublishedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static TestSystem system;
    private static AdminClient admin;
    private static AdminClient bob;
    private static final Map<String, Long> ids = new HashMap<>();
    private static String token;

    @BeforeAll
    static void start() {
        assertTrue(TestSystem.echoJar().isPresent(), "echo plugin jar must be built before these tests");
        system = TestSystem.start();
        admin = system.admin();
        system.installEcho();
        for (JsonNode p : admin.get("/api/v1/plugins").json()) {
            if (p.path("config").path("slug").asText().equals("echo")) {
                ids.put("echo", p.path("id").asLong());
            }
        }
        bob = system.newUser("bob@example.com");
        ids.put("bob", bob.get("/api/v1/me").id());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    /** One write: what it sends, the status it must get, and what gateways must see after it. */
    private record Write(String what, Supplier<HttpResult> call, int status, Consumer<JsonNode> seen) {

        boolean served() {
            return seen != null;
        }
    }

    private static Write served(String what, Supplier<HttpResult> call, int status, Consumer<JsonNode> seen) {
        return new Write(what, call, status, seen);
    }

    private static Write notServed(String what, Supplier<HttpResult> call, int status) {
        return new Write(what, call, status, null);
    }

    private static List<Write> writes() {
        return List.of(
                // identity: users carry nothing to gateways, except an App owner's email
                notServed("POST /users", () -> keep("alice", admin.post("/api/v1/users",
                        Map.of("email", "alice@example.com", "name", "Alice"))), 201),
                served("POST /apps owned by a user", () -> keep("app", admin.post("/api/v1/apps",
                        Map.of("name", "matrix", "owner_id", id("alice")))), 201,
                        s -> assertEquals("alice@example.com", app(s, id("app")).path("owner_email").asText())),
                served("PATCH /users/{id} email of an App's owner", () -> admin.patch(user("alice"),
                        Map.of("email", "alice.new@example.com")), 200,
                        s -> assertEquals("alice.new@example.com", app(s, id("app")).path("owner_email").asText())),
                notServed("PATCH /users/{id} email of a user who owns no App", () -> admin.patch(user("bob"),
                        Map.of("email", "bob.new@example.com")), 200),
                notServed("PATCH /users/{id} name", () -> admin.patch(user("alice"), Map.of("name", "Alice A.")), 200),
                notServed("PATCH /users/{id} is_admin", () -> admin.patch(user("alice"), Map.of("is_admin", true)), 200),
                served("POST /apps by a user for themselves", () -> keep("bobs-app", bob.post("/api/v1/apps",
                        Map.of("name", "bob's"))), 201,
                        s -> assertEquals("bob.new@example.com", app(s, id("bobs-app")).path("owner_email").asText())),

                // groups, memberships, governed resources and catalogues: the access chain, not served
                notServed("POST /groups", () -> keep("group", admin.post("/api/v1/groups",
                        Map.of("name", "team"))), 201),
                notServed("PATCH /groups/{id}", () -> admin.patch(group(), Map.of("description", "d")), 200),
                notServed("POST /groups/{id}/members", () -> admin.post(group() + "/members",
                        Map.of("user_id", id("bob"))), 200),
                notServed("DELETE /groups/{id}/members/{userId}", () -> admin.delete(group() + "/members/"
                        + id("bob")), 204),
                notServed("PATCH /groups/{id} member_ids", () -> admin.patch(group(),
                        Map.of("member_ids", List.of(id("bob"), id("alice")))), 200),
                notServed("POST /llms", () -> keep("llm", admin.post("/api/v1/llms",
                        Map.of("name", "model", "vendor", "v", "privacy_score", 50))), 201),
                notServed("POST /datasources", () -> keep("datasource", admin.post("/api/v1/datasources",
                        Map.of("name", "docs", "privacy_score", 40))), 201),
                notServed("POST /datasources (too private for the model)", () -> keep("secret-datasource",
                        admin.post("/api/v1/datasources", Map.of("name", "secrets", "privacy_score", 90))), 201),
                notServed("POST /tools", () -> keep("tool", admin.post("/api/v1/tools",
                        Map.of("name", "search", "privacy_score", 10))), 201),
                notServed("PATCH /llms/{id}", () -> admin.patch("/api/v1/llms/" + id("llm"),
                        Map.of("description", "a model")), 200),
                notServed("PATCH /datasources/{id}", () -> admin.patch("/api/v1/datasources/" + id("datasource"),
                        Map.of("description", "documents")), 200),
                notServed("PATCH /tools/{id}", () -> admin.patch("/api/v1/tools/" + id("tool"),
                        Map.of("description", "web search")), 200),
                notServed("POST /llm-catalogues", () -> keep("llm-catalogue", admin.post("/api/v1/llm-catalogues",
                        Map.of("name", "models", "llm_ids", List.of(id("llm"))))), 201),
                notServed("POST /datasource-catalogues", () -> keep("datasource-catalogue",
                        admin.post("/api/v1/datasource-catalogues", Map.of("name", "data",
                                "datasource_ids", List.of(id("datasource"))))), 201),
                notServed("POST /tool-catalogues", () -> keep("tool-catalogue", admin.post("/api/v1/tool-catalogues",
                        Map.of("name", "tools", "tool_ids", List.of(id("tool"))))), 201),
                notServed("PATCH /llm-catalogues/{id}", () -> admin.patch("/api/v1/llm-catalogues/"
                        + id("llm-catalogue"), Map.of("name", "all models")), 200),
                notServed("PATCH /groups/{id} catalogue grants", () -> admin.patch(group(), Map.of(
                        "llm_catalogue_ids", List.of(id("llm-catalogue")),
                        "datasource_catalogue_ids", List.of(id("datasource-catalogue")),
                        "tool_catalogue_ids", List.of(id("tool-catalogue")))), 200),
                // grants are checked against the provider's types (echo has none): an empty list still writes
                notServed("PUT /groups/{id}/plugin-resources", () -> admin.send("PUT", group() + "/plugin-resources",
                        Map.of("resources", List.of())), 200),

                // what an App bundles, and the App itself
                served("PATCH /apps/{id} llm_ids", () -> admin.patch(app(), Map.of("llm_ids", List.of(id("llm")))), 200,
                        s -> assertEquals(List.of(id("llm")), longs(app(s, id("app")).path("llm_ids")))),
                served("PATCH /apps/{id} datasource_ids", () -> admin.patch(app(),
                        Map.of("datasource_ids", List.of(id("datasource")))), 200,
                        s -> assertEquals(List.of(id("datasource")), longs(app(s, id("app")).path("datasource_ids")))),
                served("PATCH /apps/{id} tool_ids", () -> admin.patch(app(), Map.of("tool_ids", List.of(id("tool")))),
                        200, s -> assertEquals(List.of(id("tool")), longs(app(s, id("app")).path("tool_ids")))),
                notServed("PATCH /apps/{id} refused by the privacy rule", () -> admin.patch(app(),
                        Map.of("datasource_ids", List.of(id("datasource"), id("secret-datasource")))), 400),
                notServed("DELETE /llms/{id} still used by an App", () -> admin.delete("/api/v1/llms/" + id("llm")),
                        409),
                served("POST /apps/{id}/credentials", () -> keep("credential", admin.post(app() + "/credentials",
                        Map.of("scopes", List.of("echo:read")))), 201, s -> {
                            assertNotNull(credential(s, id("app"), id("credential")));
                            assertEquals(200, system.gatewayGet("/plugins/echo/hello", token).status());
                        }),
                served("PATCH /apps/{id} metadata", () -> admin.patch(app(), Map.of("metadata", Map.of("tier", "gold"))),
                        200, s -> {
                            assertEquals("gold", app(s, id("app")).path("metadata").path("tier").asText());
                            HttpResult echoed = system.gatewayGet("/plugins/echo/hello", token);
                            assertEquals("gold", echoed.json().path("app").path("metadata").path("tier").asText(),
                                    echoed.toString());
                        }),
                served("PATCH /apps/{id} is_active", () -> admin.patch(app(), Map.of("is_active", false)), 200, s -> {
                    assertTrue(!app(s, id("app")).path("is_active").asBoolean());
                    int refused = system.gatewayGet("/plugins/echo/hello", token).status();
                    assertTrue(refused == 401 || refused == 403, "inactive App's token: " + refused);
                }),
                served("PATCH /apps/{id} owner_id", () -> admin.patch(app(), Map.of("owner_id", id("bob"),
                        "is_active", true)), 200,
                        s -> assertEquals("bob.new@example.com", app(s, id("app")).path("owner_email").asText())),
                served("PATCH /users/{id} is_active false of an App's owner", () -> admin.patch(user("bob"),
                        Map.of("is_active", false)), 200, s -> {
                            assertTrue(!app(s, id("app")).path("is_active").asBoolean());
                            assertEquals(401, system.gatewayGet("/plugins/echo/hello", token).status(),
                                    "a disabled user's App tokens are refused");
                        }),
                served("PATCH /users/{id} is_active true of an App's owner", () -> admin.patch(user("bob"),
                        Map.of("is_active", true)), 200, s -> {
                            assertTrue(app(s, id("app")).path("is_active").asBoolean());
                            assertEquals(200, system.gatewayGet("/plugins/echo/hello", token).status());
                        }),
                served("DELETE /apps/{id}/credentials/{credentialId}", () -> admin.delete(app() + "/credentials/"
                        + id("credential")), 204, s -> {
                            assertNull(credential(s, id("app"), id("credential")));
                            assertEquals(401, system.gatewayGet("/plugins/echo/hello", token).status());
                        }),
                served("PATCH /apps/{id} unlinking everything", () -> admin.patch(app(), Map.of("llm_ids", List.of(),
                        "datasource_ids", List.of(), "tool_ids", List.of())), 200, s -> {
                            assertEquals(List.of(), longs(app(s, id("app")).path("llm_ids")));
                            assertEquals(List.of(), longs(app(s, id("app")).path("datasource_ids")));
                        }),
                notServed("DELETE /llms/{id}", () -> admin.delete("/api/v1/llms/" + id("llm")), 204),
                notServed("DELETE /datasources/{id}", () -> admin.delete("/api/v1/datasources/" + id("datasource")),
                        204),
                notServed("DELETE /tools/{id}", () -> admin.delete("/api/v1/tools/" + id("tool")), 204),
                notServed("DELETE /llm-catalogues/{id}", () -> admin.delete("/api/v1/llm-catalogues/"
                        + id("llm-catalogue")), 204),
                notServed("DELETE /groups/{id}", () -> admin.delete(group()), 204),

                // the plugin registry
                served("POST /plugins", () -> keep("plugin", admin.post("/api/v1/plugins", Map.of("name", "matrix",
                        "command", "grpc://127.0.0.1:1", "hook_type", "custom_endpoint",
                        "config", Map.of("slug", "matrix"), "is_active", false))), 201,
                        s -> assertEquals("matrix", plugin(s, id("plugin")).path("name").asText())),
                served("PATCH /plugins/{id} name", () -> admin.patch(plugin(), Map.of("name", "renamed")), 200,
                        s -> assertEquals("renamed", plugin(s, id("plugin")).path("name").asText())),
                served("PATCH /plugins/{id} config", () -> admin.patch(plugin(), Map.of("config",
                        Map.of("slug", "matrix", "mode", "x"))), 200,
                        s -> assertEquals("x", plugin(s, id("plugin")).path("config").path("mode").asText())),
                notServed("PATCH /plugins/{id} description", () -> admin.patch(plugin(),
                        Map.of("description", "no gateway shows this")), 200),
                notServed("POST /plugins/{id}/reload", () -> admin.post("/api/v1/plugins/" + id("echo") + "/reload",
                        Map.of()), 200),
                served("DELETE /plugins/{id}", () -> admin.delete(plugin()), 204,
                        s -> assertNull(plugin(s, id("plugin")))),

                // deleting what was served, and what was not
                notServed("DELETE /users/{id} that owns an App", () -> admin.delete(user("bob")), 409),
                served("DELETE /apps/{id}", () -> admin.delete(app()), 204, s -> assertNull(app(s, id("app")))),
                served("DELETE /apps/{id} by its owner", () -> bob.delete("/api/v1/apps/" + id("bobs-app")), 204,
                        s -> assertNull(app(s, id("bobs-app")))),
                notServed("DELETE /users/{id}", () -> admin.delete(user("alice")), 204));
    }

    @TestFactory
    Stream<DynamicTest> eachWriteIsPublishedExactlyWhenItChangesWhatGatewaysServe() {
        return writes().stream().map(w -> DynamicTest.dynamicTest(w.what(), () -> {
            JsonNode before = published();
            HttpResult result = w.call().get();
            assertEquals(w.status(), result.status(), w.what() + ": " + result);
            JsonNode after = published();
            long version = after.path("version").asLong();
            assertEquals(version, system.studio().gateway().appliedVersion(),
                    "the embedded gateway holds what edges are sent");
            if (w.served()) {
                assertTrue(version > before.path("version").asLong(),
                        w.what() + " must be published before the call returns; gateways still hold version "
                                + version);
                w.seen().accept(after);
            } else {
                assertEquals(before.path("version").asLong(), version,
                        w.what() + " changes nothing a gateway serves, so nothing is published");
                assertEquals(before, after);
            }
        }));
    }

    /** The snapshot gateways hold now, as an edge connecting now is sent it. */
    private static JsonNode published() {
        HttpRequest request = HttpRequest.newBuilder(system.apiBase().resolve("/api/v1/edge/stream"))
                .header("Authorization", "Bearer " + TestSystem.EDGE_SECRET)
                .header("X-Edge-Name", "publishing-probe")
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                assertEquals(200, response.statusCode());
                String event = "";
                for (String line = events.readLine(); line != null; line = events.readLine()) {
                    if (line.startsWith("event: ")) {
                        event = line.substring("event: ".length());
                    } else if (line.startsWith("data: ") && event.equals("snapshot")) {
                        return JSON.readTree(line.substring("data: ".length()));
                    }
                }
                throw new AssertionError("the edge stream ended without a snapshot");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResult keep(String name, HttpResult created) {
        if (created.status() == 201) {
            ids.put(name, created.id());
            if (name.equals("credential")) {
                token = created.json().path("token").asText();
            }
        }
        return created;
    }

    private static long id(String name) {
        Long id = ids.get(name);
        if (id == null) {
            throw new AssertionError(name + " was not created by an earlier row");
        }
        return id;
    }

    private static String user(String name) {
        return "/api/v1/users/" + id(name);
    }

    private static String group() {
        return "/api/v1/groups/" + id("group");
    }

    private static String app() {
        return "/api/v1/apps/" + id("app");
    }

    private static String plugin() {
        return "/api/v1/plugins/" + id("plugin");
    }

    private static JsonNode app(JsonNode snapshot, long id) {
        for (JsonNode a : snapshot.path("apps")) {
            if (a.path("app").path("id").asLong() == id) {
                ObjectNode app = ((ObjectNode) a.path("app")).deepCopy();
                return app.setAll(Map.of(
                        "llm_ids", a.path("llm_ids"), "datasource_ids", a.path("datasource_ids"),
                        "tool_ids", a.path("tool_ids"), "credentials", a.path("credentials")));
            }
        }
        return null;
    }

    private static JsonNode credential(JsonNode snapshot, long appId, long id) {
        JsonNode app = app(snapshot, appId);
        for (JsonNode c : app == null ? JSON.createArrayNode() : app.path("credentials")) {
            if (c.path("id").asLong() == id) {
                return c;
            }
        }
        return null;
    }

    private static JsonNode plugin(JsonNode snapshot, long id) {
        for (JsonNode p : snapshot.path("plugins")) {
            if (p.path("id").asLong() == id) {
                return p;
            }
        }
        return null;
    }

    private static List<Long> longs(JsonNode array) {
        return Stream.iterate(0, i -> i < array.size(), i -> i + 1).map(i -> array.get(i).asLong()).toList();
    }
}
