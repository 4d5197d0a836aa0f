package io.aigw.studio.http;

import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ordinary bad input, as a careless or hostile client sends it, against the admin API's write
 * endpoints: every answer is a 4xx JSON {@code {"error": ...}} that says what is wrong and carries
 * an X-Request-ID, never a 500. After each test the server is healthy and the stored data is
 * exactly as before.
 */
@ExtendWith(SystemExtension.class)
class HostileJsonTest {

    private static final int MAX_BYTES = 1024 * 1024;

    private record Target(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static TestSystem system;
    private static AdminClient admin;
    private static long appId;
    private static long pluginId;
    private static long userId;
    private static long groupId;
    private static List<Target> targets;
    private String before;

    @BeforeAll
    static void start(Systems systems) {
        system = systems.start();
        admin = system.admin();
        appId = created(admin.post("/api/v1/apps", Map.of("name", "target app", "metadata", Map.of("k", "v"))));
        pluginId = created(admin.post("/api/v1/plugins", Map.of("name", "target plugin",
                "command", "grpc://127.0.0.1:1", "config", Map.of("slug", "hostile"), "is_active", false)));
        userId = created(admin.post("/api/v1/users", Map.of("email", "target@example.com", "name", "Target")));
        groupId = created(admin.post("/api/v1/groups", Map.of("name", "target group")));
        targets = List.of(
                new Target("POST", "/api/v1/plugins"),
                new Target("PATCH", "/api/v1/plugins/" + pluginId),
                new Target("POST", "/api/v1/apps"),
                new Target("PATCH", "/api/v1/apps/" + appId),
                new Target("POST", "/api/v1/apps/" + appId + "/credentials"),
                new Target("POST", "/api/v1/users"),
                new Target("PATCH", "/api/v1/users/" + userId),
                new Target("POST", "/api/v1/groups"),
                new Target("PATCH", "/api/v1/groups/" + groupId),
                new Target("POST", "/api/v1/groups/" + groupId + "/members"),
                new Target("PUT", "/api/v1/groups/" + groupId + "/plugin-resources"),
                new Target("POST", "/api/v1/submissions"),
                new Target("POST", "/api/v1/llms"));
    }

    @BeforeEach
    void rememberData() {
        before = snapshot();
    }

    @AfterEach
    void healthyAndUnchanged() {
        HttpResult health = admin.get("/health");
        assertEquals(200, health.status(), "health after hostile input: " + health);
        assertEquals(before, snapshot(), "refused requests must not change stored data");
    }

    @Test
    void deepNestingIsRefused() {
        for (Target t : targets) {
            refused(t, "[".repeat(65) + "]".repeat(65), 400, "JSON nesting deeper than 64");
            refused(t, "{\"name\":" + "[".repeat(100_000), 400, "JSON nesting deeper than 64");
            refused(t, "{\"a\":".repeat(1000) + "1" + "}".repeat(1000), 400, "JSON nesting deeper than 64");
        }
        // Within the limit the document is read, and the field is judged on its own terms.
        refused(new Target("POST", "/api/v1/apps"), "{\"name\":" + "[".repeat(60) + "]".repeat(60) + "}", 400,
                "'name' must be a string");
    }

    @Test
    void overlongNumbersAreRefused() {
        String digits = "9".repeat(5000);
        for (Target t : targets) {
            refused(t, "{\"rate_limit\":" + digits + "}", 400, "number too long");
            refused(t, "{\"monthly_budget\":0." + digits + "}", 400, "number too long");
            refused(t, "{\"x\":[1e" + digits + "]}", 400, "number too long");
        }
    }

    @Test
    void nulIsRefusedInEveryString() {
        for (Target t : targets) {
            refused(t, "{\"name\":\"a\\u0000b\"}", 400, "string contains a NUL character at field 'name'");
        }
        Target plugins = new Target("POST", "/api/v1/plugins");
        refused(plugins, "{\"name\":\"p\",\"command\":\"grpc://127.0.0.1:1\",\"config\":{\"slug\":\"x\\u0000\"}}",
                400, "NUL character at field 'config.slug'");
        refused(plugins, "{\"name\":\"p\",\"command\":\"grpc://127.0.0.1:1\",\"hook_types\":[\"a\",\"\\u0000\"]}",
                400, "NUL character at field 'hook_types[1]'");
        refused(new Target("PATCH", "/api/v1/apps/" + appId), "{\"metadata\":{\"k\\u0000\":\"v\"}}", 400,
                "field name contains a NUL character inside 'metadata'");
        refused(new Target("PATCH", "/api/v1/apps/" + appId), "{\"na\\u0000me\":\"v\"}", 400,
                "field name contains a NUL character");
        refused(new Target("PUT", "/api/v1/groups/" + groupId + "/plugin-resources"),
                "{\"resources\":[{\"plugin_id\":" + pluginId + ",\"resource_type_slug\":\"s\",\"instance_ids\":"
                        + "[\"i\\u0000\"]}]}", 400, "NUL character at field 'resources[0].instance_ids[0]'");
        // A raw NUL byte (not escaped) is not JSON at all.
        refused(new Target("POST", "/api/v1/apps"), "{\"name\":\"a\0b\"}", 400, "malformed JSON");
    }

    @Test
    void controlCharactersAreRefusedInOneLineFields() {
        refused(new Target("POST", "/api/v1/apps"), "{\"name\":\"a\\nb\"}", 400,
                "'name' must not contain control characters (found U+000A");
        refused(new Target("POST", "/api/v1/users"), "{\"email\":\"a\\u001b[2J@example.com\"}", 400,
                "'email' must not contain control characters");
        refused(new Target("PATCH", "/api/v1/users/" + userId), "{\"name\":\"x\\u0085y\"}", 400,
                "'name' must not contain control characters (found U+0085");
        refused(new Target("PATCH", "/api/v1/apps/" + appId), "{\"metadata\":{\"a\\tb\":\"v\"}}", 400,
                "'metadata' keys must not contain control characters");
        refused(new Target("PATCH", "/api/v1/apps/" + appId), "{\"metadata\":{\"k\":\"a\\u0007\"}}", 400,
                "'metadata.k' must not contain control characters other than tab and line breaks");
        refused(new Target("PATCH", "/api/v1/apps/" + appId), "{\"description\":\"bell\\u0007\"}", 400,
                "'description' must not contain control characters other than tab and line breaks");
        refused(new Target("POST", "/api/v1/apps/" + appId + "/credentials"), "{\"scopes\":[\"read\\r\\nx\"]}",
                400, "'scopes' items must not contain control characters");
        refused(new Target("PATCH", "/api/v1/plugins/" + pluginId), "{\"command\":\"grpc://h:1\\n\"}", 400,
                "'command' must not contain control characters");
    }

    @Test
    void unicodeWhiteSpaceInAnEmailIsA400NotADatabaseError() {
        for (String email : List.of("a\\u2003b@example.com", "ab@exa\\u00a0mple.com", "a\\u3000@example.com")) {
            refused(new Target("POST", "/api/v1/users"), "{\"email\":\"" + email + "\"}", 400,
                    "'email' must be an email address");
            refused(new Target("PATCH", "/api/v1/users/" + userId), "{\"email\":\"" + email + "\"}", 400,
                    "'email' must be an email address");
        }
    }

    @Test
    void trailingDataIsRefused() {
        for (Target t : targets) {
            for (String body : List.of("{\"name\":\"x\"} xyz", "{}{}", "{\"name\":\"x\"}}", "{} []", "{}\n{}",
                    "{\"name\":\"x\"},", "{} 1", "{} null")) {
                refused(t, body, 400, "trailing data after JSON value");
            }
        }
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] overlongDots = {(byte) 0xC0, (byte) 0xAE, (byte) 0xC0, (byte) 0xAE};
        for (Target t : targets) {
            refused(t, bytes("{\"name\":\"", overlongDots, "\"}"), 400, "invalid UTF-8 in request body at byte 9");
        }
        Target apps = new Target("POST", "/api/v1/apps");
        List<byte[]> bad = List.of(
                new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate, encoded
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAE}); // '.' in three bytes
        for (byte[] b : bad) {
            refused(apps, bytes("{\"name\":\"", b, "\"}"), 400, "invalid UTF-8 in request body");
        }
        refused(apps, bytes("{\"name\":\"x", new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, ""), 400,
                "invalid UTF-8 in request body"); // cut off mid-character
        refused(apps, "{\"name\":\"utf-16\"}".getBytes(StandardCharsets.UTF_16), 400, "invalid UTF-8");
        refused(apps, "{\"name\":\"latin-1 \u00e9\"}".getBytes(StandardCharsets.ISO_8859_1), 400, "invalid UTF-8");
    }

    @Test
    void byteOrderMarkIsRefused() {
        for (Target t : targets) {
            refused(t, bytes("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{\"name\":\"x\"}"), 400,
                    "byte order mark");
        }
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        for (Target t : targets) {
            refused(t, "{\"name\":\"\\ud800\"}", 400, "unpaired UTF-16 surrogate (\\ud800) at field 'name'");
        }
        Target apps = new Target("POST", "/api/v1/apps");
        for (String s : List.of("\\udc00", "a\\ud800b", "\\udc00\\ud800", "\\ud83d")) {
            refused(apps, "{\"name\":\"" + s + "\"}", 400, "unpaired UTF-16 surrogate");
        }
        for (String key : List.of("\\udfff", "\\ud800", "k\\ud800")) {
            refused(new Target("PATCH", "/api/v1/apps/" + appId), "{\"metadata\":{\"" + key + "\":\"v\"}}", 400,
                    "surrogate");
        }
    }

    @Test
    void duplicateKeysAreRefused() {
        for (Target t : targets) {
            refused(t, "{\"name\":\"a\",\"name\":\"b\"}", 400, "duplicate field 'name'");
        }
        refused(new Target("PATCH", "/api/v1/plugins/" + pluginId),
                "{\"config\":{\"slug\":\"a\",\"slug\":\"b\"}}", 400, "duplicate field 'slug'");
    }

    @Test
    void bodiesThatAreNotObjectsAreRefused() {
        for (Target t : targets) {
            for (String body : List.of("[]", "[{}]", "[{\"name\":\"x\"}]", "null", "\"name\"", "5", "true", "-0")) {
                refused(t, body, 400, "request body must be a JSON object");
            }
            if (!t.path().endsWith("/credentials")) { // a credential needs nothing, so no body is fine there
                refused(t, "", 400, "request body is required");
                refused(t, " \r\n\t ", 400, "request body is required");
            }
        }
    }

    @Test
    void malformedJsonIsRefused() {
        for (Target t : targets) {
            for (String body : List.of("{\"name\": }", "{'name':'a'}", "{name:\"a\"}", "{\"name\":\"a\",}",
                    "{\"rate_limit\":NaN}", "{\"rate_limit\":01}", "/* c */ {}", "{\"name\":\"a\tb\"}", "{",
                    "{\"name\":\"a", "\"", "{\"a\":1e}", "{\"a\":-}", "{\"a\":+1}", "{\"a\":.5}", "nul")) {
                refused(t, body, 400, "malformed JSON");
            }
        }
    }

    @Test
    void hugeStringsAreRefusedByLengthOrSize() {
        String huge = "x".repeat(500_000);
        for (Target t : targets) {
            HttpResult r = send(t, ("{\"name\":\"" + huge + "\"}").getBytes(StandardCharsets.UTF_8));
            assertRefused(t, "{\"name\": 500000 x}", r, 400, null);
            refused(t, "{\"name\":\"" + "x".repeat(MAX_BYTES) + "\"}", 413, "request body is larger than");
        }
        Target apps = new Target("POST", "/api/v1/apps");
        refused(apps, "{\"name\":\"" + huge + "\"}", 400, "'name' must be at most 200 characters");
        refused(apps, "{\"name\":\"a\",\"description\":\"" + "d".repeat(4001) + "\"}", 400,
                "'description' must be at most 4000 characters");
        refused(apps, "{\"name\":\"a\",\"metadata\":{\"" + "k".repeat(201) + "\":\"v\"}}", 400, "'metadata' keys");
        refused(apps, "{\"" + "f".repeat(5000) + "\":1}", 400, "field name too long");
        refused(apps, "{\"" + "f".repeat(900) + "\":1}", 400, "unknown field '" + "f".repeat(100) + "...'");
        // Without Content-Length (chunked), the limit still holds, counted as the bytes arrive.
        byte[] big = ("{\"name\":\"" + "x".repeat(2 * MAX_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResult chunked = AdminClient.send(admin.request(apps.path()).header("Content-Type", "application/json")
                .method("POST", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertRefused(apps, "2 MiB, chunked", chunked, 413, "request body is larger than");
    }

    @Test
    void everyRouteRefusesAnOversizedBody() {
        byte[] big = new byte[MAX_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        for (var route : system.studio().routes()) {
            String path = route.path().replaceAll("\\{[^}]+}", "1");
            refused(new Target(route.method(), path), big, 413, "request body is larger than " + MAX_BYTES + " bytes");
        }
    }

    /** Every field of POST/PATCH /api/v1/apps with values of the wrong type or out of range. */
    @Test
    void wrongTypesForEveryAppField() {
        Map<String, List<String>> bad = new LinkedHashMap<>();
        List<String> notStrings = List.of("5", "true", "[]", "{}", "1.5", "[\"a\"]");
        bad.put("name", concat(notStrings, List.of("null", "\"\"", "\"   \"")));
        bad.put("description", notStrings);
        bad.put("owner_email", concat(notStrings, List.of("\"no-at-sign\"", "\"a@b@c\"")));
        bad.put("owner_id", List.of("0", "-1", "-0", "1.5", "1e309", "\"1\"", "true", "99999999999999999999", "[]",
                "{}", "1.0", "999999"));
        bad.put("is_active", List.of("\"true\"", "1", "0", "[]", "{}", "\"yes\""));
        bad.put("monthly_budget", List.of("\"5\"", "true", "[]", "{}", "-1", "-0.5", "1e309", "-1e309"));
        bad.put("rate_limit", List.of("\"5\"", "1.5", "-1", "1e309", "3000000000", "true", "99999999999999999999",
                "1e3", "[]", "{}"));
        bad.put("metadata", List.of("[]", "\"x\"", "5", "{\"k\":5}", "{\"k\":true}", "{\"k\":{}}", "{\"k\":[]}",
                "{\"k\":null}", "{\"\":\"v\"}"));
        for (String ids : List.of("llm_ids", "datasource_ids", "tool_ids")) {
            bad.put(ids, List.of("\"1\"", "1", "{}", "[1.5]", "[-1]", "[0]", "[\"1\"]", "[1e309]", "[-0]", "[null]",
                    "[99999999999999999999]", "[[1]]", "[true]", "[999999]"));
        }
        for (Target t : List.of(new Target("POST", "/api/v1/apps"), new Target("PATCH", "/api/v1/apps/" + appId))) {
            for (var field : bad.entrySet()) {
                // On create, a valid name, so that only the field under test can be what is wrong.
                String name = t.method().equals("POST") && !field.getKey().equals("name") ? "\"name\":\"n\"," : "";
                for (String value : field.getValue()) {
                    refused(t, "{" + name + "\"" + field.getKey() + "\":" + value + "}", 400, field.getKey());
                }
            }
        }
    }

    @Test
    void wrongNumbersForIdsInBodies() {
        Target members = new Target("POST", "/api/v1/groups/" + groupId + "/members");
        Target grants = new Target("PUT", "/api/v1/groups/" + groupId + "/plugin-resources");
        for (String id : List.of("0", "-1", "-0", "1.5", "1e309", "\"1\"", "99999999999999999999", "1e2", "null",
                "[]")) {
            refused(members, "{\"user_id\":" + id + "}", 400, "user_id");
            refused(new Target("PATCH", "/api/v1/groups/" + groupId), "{\"member_ids\":[" + id + "]}", 400,
                    "member_ids");
            refused(grants, "{\"resources\":[{\"plugin_id\":" + id + ",\"resource_type_slug\":\"s\"}]}", 400,
                    "plugin_id");
        }
        refused(members, "{\"user_id\":999999}", 400, "no user with id 999999");
    }

    @Test
    void datesTheDatabaseCannotHoldAreRefused() {
        Target issue = new Target("POST", "/api/v1/apps/" + appId + "/credentials");
        for (String date : List.of("+300000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z")) {
            refused(issue, "{\"expires_at\":\"" + date + "\"}", 400, "'expires_at' must be before");
        }
        for (String date : List.of("-999999999-01-01T00:00:00Z", "2030-02-30T00:00:00Z", "2030-01-01", "soon",
                "2030-01-01T25:00:00Z", "10000-01-01T00:00:00Z")) {
            refused(issue, "{\"expires_at\":\"" + date + "\"}", 400, "'expires_at'");
        }
    }

    @Test
    void unknownHookTypesAreRefusedByName() {
        Target create = new Target("POST", "/api/v1/plugins");
        Target patch = new Target("PATCH", "/api/v1/plugins/" + pluginId);
        String base = "\"name\":\"p\",\"command\":\"grpc://127.0.0.1:1\",\"is_active\":false";
        refused(create, "{" + base + ",\"hook_type\":\"pre_auth_magic\"}", 400,
                "'hook_type': unknown hook type 'pre_auth_magic' (known: custom_endpoint, resource_provider, "
                        + "studio_ui)");
        refused(create, "{" + base + ",\"hook_types\":[\"custom_endpoint\",\"bogus\"]}", 400,
                "'hook_types': unknown hook type 'bogus'");
        refused(create, "{" + base + ",\"hook_type\":\"Custom_Endpoint\"}", 400, "unknown hook type 'Custom_Endpoint'");
        refused(patch, "{\"hook_type\":\"studio-ui\"}", 400, "unknown hook type 'studio-ui'");
        refused(patch, "{\"hook_types\":[\"resource_provider\",\"resource_providers\"]}", 400,
                "unknown hook type 'resource_providers'");
        refused(patch, "{\"hook_types\":[5]}", 400, "'hook_types' items");
        refused(patch, "{\"hook_type\":[\"custom_endpoint\"]}", 400, "'hook_type' must be a string");
    }

    @Test
    void badPathIdsAreJson404s() {
        for (String base : List.of("/api/v1/apps/", "/api/v1/plugins/", "/api/v1/users/", "/api/v1/groups/",
                "/api/v1/llms/")) {
            for (String id : List.of("99999999999999999999", "-1", "abc", "0", "+1", "01", "1.5", "1e3", "%20",
                    "9223372036854775808", "%C0%AE")) {
                for (String method : List.of("GET", "PATCH", "DELETE")) {
                    refused(new Target(method, base + id), method.equals("PATCH") ? "{\"name\":\"x\"}" : "", 404,
                            "not found");
                }
            }
        }
        refused(new Target("POST", "/api/v1/apps/abc/credentials"), "{}", 404, "app not found");
        refused(new Target("DELETE", "/api/v1/apps/" + appId + "/credentials/-5"), "", 404, "credential not found");
        refused(new Target("DELETE", "/api/v1/groups/" + groupId + "/members/x"), "", 404, "member not found");
    }

    @Test
    void queryParametersNeverBreakAnything() {
        for (String query : List.of("?limit=abc", "?offset=-1&limit=99999999999999999999", "?x=%00",
                "?" + "q=1&".repeat(500), "?name=%C0%AE", "?a=%e9", "?id=1&id=2")) {
            RawResponse r = raw("GET /api/v1/apps" + query);
            assertEquals(200, r.status(), query + " -> " + r); // no list endpoint takes parameters: ignored
            assertTrue(r.header("content-type").startsWith("application/json"), query + " -> " + r);
            assertFalse(r.header("x-request-id").isEmpty(), query + " -> " + r);
        }
        for (String query : List.of("?a=%zz", "?%", "?a=%4")) {
            // Not a URI at all: Helidon refuses it before routing (a JSON body there is ApiServer's business).
            assertEquals(400, raw("GET /api/v1/apps" + query).status(), query);
        }
    }

    @Test
    void badlyEncodedPathIdsAreJson404s() {
        for (String id : List.of("%00", "1%00", "%e9", "%C0%AE", "%2e%2e", "1%2F2", "%F0%9F%98%80")) {
            RawResponse r = raw("GET /api/v1/apps/" + id);
            assertEquals(404, r.status(), id + " -> " + r);
            assertTrue(r.header("content-type").startsWith("application/json"), id + " -> " + r);
            assertTrue(r.body().contains("\"error\""), id + " -> " + r);
            assertFalse(r.header("x-request-id").isEmpty(), id + " -> " + r);
        }
        for (String id : List.of("%zz", "%", "%4")) {
            assertEquals(400, raw("GET /api/v1/apps/" + id).status(), id);
        }
    }

    /** A response read off a raw socket, for request lines java.net.URI refuses to build. */
    private record RawResponse(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    private static RawResponse raw(String requestLine) {
        try (Socket socket = new Socket("127.0.0.1", system.apiBase().getPort())) {
            socket.setSoTimeout(30_000);
            String request = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + system.adminKey() + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void refused(Target t, String body, int status, String fragment) {
        refused(t, body.getBytes(StandardCharsets.UTF_8), status, fragment);
    }

    private static void refused(Target t, byte[] body, int status, String fragment) {
        String shown = new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8)
                + (body.length > 80 ? "... (" + body.length + " bytes)" : "");
        assertRefused(t, shown, send(t, body), status, fragment);
    }

    private static void assertRefused(Target t, String shown, HttpResult r, int status, String fragment) {
        String what = t + " with " + shown + " -> " + r.status() + " " + abbreviated(r.body());
        if (status == 0) {
            assertTrue(r.status() >= 400 && r.status() < 500, what);
        } else {
            assertEquals(status, r.status(), what);
        }
        assertNotNull(r.header("X-Request-ID"), "X-Request-ID: " + what);
        assertTrue(r.header("Content-Type").startsWith("application/json"), "JSON: " + what);
        String error = r.error();
        assertNotNull(error, "error field: " + what);
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat ") || r.body().contains("at io."),
                "stack trace: " + what);
        if (fragment != null) {
            assertTrue(error.contains(fragment), "expected '" + fragment + "' in: " + what);
        }
    }

    private static HttpResult send(Target t, byte[] body) {
        HttpRequest.Builder request = admin.request(t.path());
        if (body.length > 0) {
            request.header("Content-Type", "application/json");
        }
        return AdminClient.send(request.method(t.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** The stored data the targets could change, as the API shows it. */
    private static String snapshot() {
        StringBuilder all = new StringBuilder();
        for (String path : List.of("/api/v1/apps", "/api/v1/plugins", "/api/v1/users", "/api/v1/groups",
                "/api/v1/llms", "/api/v1/apps/" + appId + "/credentials",
                "/api/v1/groups/" + groupId + "/plugin-resources")) {
            HttpResult r = admin.get(path);
            assertEquals(200, r.status(), path + " -> " + r);
            all.append(path).append(": ").append(r.body()).append('\n');
        }
        return all.toString();
    }

    private static long created(HttpResult r) {
        assertEquals(201, r.status(), r.toString());
        return r.id();
    }

    private static byte[] bytes(String prefix, byte[] middle, String suffix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(suffix.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String abbreviated(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
