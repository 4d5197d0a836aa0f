package io.aigw.studio.http;

import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authentication, request ids and the JSON error contract of the admin API. */
@ExtendWith(SystemExtension.class)
class AdminApiErrorsTest {

    private static TestSystem system;
    private static AdminClient admin;

    @BeforeAll
    static void start(Systems systems) {
        system = systems.start();
        admin = system.admin();
    }

    @Test
    void missingKeyIs401WithJsonAndChallenge() {
        HttpResult r = admin.withKey(null).get("/api/v1/plugins");
        assertEquals(401, r.status(), r.toString());
        assertEquals("Bearer", r.header("WWW-Authenticate"));
        assertTrue(r.error().contains("Authorization"), r.error());
        assertTrue(r.header("Content-Type").startsWith("application/json"));
    }

    @Test
    void wrongKeyIs401() {
        HttpResult r = admin.withKey("aigw_admin_not-the-key").get("/api/v1/apps");
        assertEquals(401, r.status(), r.toString());
        assertEquals("Bearer", r.header("WWW-Authenticate"));
        assertNotNull(r.error());
    }

    @Test
    void nonBearerSchemeIs401() {
        HttpResult r = AdminClient.send(admin.withKey(null).request("/api/v1/apps")
                .header("Authorization", "Basic " + system.adminKey()).GET());
        assertEquals(401, r.status(), r.toString());
    }

    @Test
    void unknownRouteUnderApiNeedsAuthFirst() {
        assertEquals(401, admin.withKey(null).get("/api/v1/nope").status());
    }

    @Test
    void unknownRouteIsJson404() {
        HttpResult r = admin.get("/api/v1/nope");
        assertEquals(404, r.status(), r.toString());
        assertNotNull(r.error());
        assertEquals(404, admin.withKey(null).get("/nothing-here").status());
    }

    @Test
    void healthNeedsNoKey() {
        assertEquals(200, admin.withKey(null).get("/health").status());
    }

    @Test
    void saneRequestIdIsEchoedOtherwiseGenerated() {
        HttpResult echoed = AdminClient.send(admin.request("/api/v1/apps").header("X-Request-ID", "abc-123").GET());
        assertEquals("abc-123", echoed.header("X-Request-ID"));
        HttpResult replaced = AdminClient.send(admin.request("/api/v1/apps")
                .header("X-Request-ID", "x".repeat(300)).GET());
        assertNotNull(replaced.header("X-Request-ID"));
        assertTrue(replaced.header("X-Request-ID").length() <= 128);
        HttpResult refused = admin.withKey(null).get("/api/v1/apps");
        assertNotNull(refused.header("X-Request-ID"), "401s carry a request id too");
    }

    @Test
    void malformedJsonIs400WithMessage() {
        HttpResult r = admin.post("/api/v1/apps", "{\"name\": ");
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.error().startsWith("malformed JSON"), r.error());
    }

    @Test
    void nonObjectBodyIs400() {
        HttpResult r = admin.post("/api/v1/apps", "[1, 2]");
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.error().contains("JSON object"), r.error());
    }

    @Test
    void missingBodyIs400() {
        HttpResult r = admin.send("POST", "/api/v1/plugins", null);
        assertEquals(400, r.status(), r.toString());
    }

    @Test
    void bodyOverOneMebibyteIs413() {
        String big = "{\"name\": \"" + "x".repeat(1024 * 1024) + "\"}";
        HttpResult r = admin.post("/api/v1/apps", big);
        assertEquals(413, r.status(), r.toString());
        assertNotNull(r.error());
    }

    @Test
    void unknownAndNonNumericIdsAre404() {
        assertEquals(404, admin.get("/api/v1/plugins/999999").status());
        assertEquals(404, admin.get("/api/v1/plugins/abc").status());
        assertEquals(404, admin.get("/api/v1/apps/999999").status());
        assertEquals(404, admin.get("/api/v1/apps/-1").status());
        assertEquals(404, admin.patch("/api/v1/apps/999999", Map.of("name", "x")).status());
        assertEquals(404, admin.delete("/api/v1/plugins/999999").status());
        HttpResult r = admin.get("/api/v1/apps/12345678901234567890");
        assertEquals(404, r.status());
        assertNotNull(r.error());
    }

    @Test
    void unknownFieldIs400NamingIt() {
        HttpResult r = admin.post("/api/v1/apps", Map.of("name", "a", "is_activ", false));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.error().contains("is_activ"), r.error());
    }

    @Test
    void errorsNeverCarryStackTraces() {
        HttpResult r = AdminClient.send(admin.request("/api/v1/apps")
                .header("Content-Type", "application/json")
                .method("POST", HttpRequest.BodyPublishers.ofString("{\"name\": 5}")));
        assertEquals(400, r.status());
        assertTrue(!r.body().contains("at io.") && !r.body().contains("Exception"), r.body());
    }

    // What the strict reading of request bodies (see HostileJsonTest) must still let through.

    @Test
    void freeTextKeepsLineBreaksAndNamesKeepAnyCharacter() {
        HttpResult r = admin.post("/api/v1/apps", "{\"name\":\"Rocket \\ud83d\\ude80 \u00e9t\u00e9\","
                + "\"description\":\"line one\\nline two\\ttabbed\\r\\n\","
                + "\"metadata\":{\"pem\":\"-----BEGIN-----\\nabc\\n-----END-----\"}}");
        assertEquals(201, r.status(), r.toString());
        assertEquals("Rocket \uD83D\uDE80 \u00e9t\u00e9", r.json().path("name").asText());
        assertEquals("line one\nline two\ttabbed\r\n", r.json().path("description").asText());
        assertEquals("-----BEGIN-----\nabc\n-----END-----", r.json().path("metadata").path("pem").asText());
        assertEquals(r.json().path("name").asText(), admin.get("/api/v1/apps/" + r.id()).json().path("name").asText());
    }

    @Test
    void negativeZeroIsZeroAndLongNumbersWithinTheLimitAreRead() {
        HttpResult r = admin.post("/api/v1/apps", "{\"name\":\"zero\",\"monthly_budget\":-0.0,"
                + "\"rate_limit\":2147483647}");
        assertEquals(201, r.status(), r.toString());
        assertEquals("0.0", r.json().path("monthly_budget").toString());
        assertEquals(2147483647, r.json().path("rate_limit").asInt());
        HttpResult precise = admin.post("/api/v1/apps", "{\"name\":\"precise\",\"monthly_budget\":1."
                + "5".repeat(98) + "}");
        assertEquals(201, precise.status(), precise.toString());
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        // 64 levels (the object and 63 arrays) are parsed; what is wrong then is the field itself.
        HttpResult r = admin.post("/api/v1/apps", "{\"nested\":" + "[".repeat(63) + "]".repeat(63) + "}");
        assertEquals(400, r.status(), r.toString());
        assertEquals("unknown field 'nested'", r.error());
    }

    @Test
    void everyKnownHookTypeIsAccepted() {
        HttpResult r = admin.post("/api/v1/plugins", Map.of("name", "provider", "command", "grpc://127.0.0.1:1",
                "hook_type", "resource_provider", "hook_types", List.of("resource_provider", "studio_ui",
                        "custom_endpoint"), "is_active", false));
        assertEquals(201, r.status(), r.toString());
        assertEquals("resource_provider", r.json().path("hook_type").asText());
        HttpResult patched = admin.patch("/api/v1/plugins/" + r.id(), Map.of("hook_type", "studio_ui"));
        assertEquals(200, patched.status(), patched.toString());
        assertEquals("studio_ui", patched.json().path("hook_type").asText());
    }

    @Test
    void aCredentialNeedsNoBody() {
        long app = admin.post("/api/v1/apps", Map.of("name", "bodyless")).id();
        HttpResult r = admin.send("POST", "/api/v1/apps/" + app + "/credentials", null);
        assertEquals(201, r.status(), r.toString());
    }
}
