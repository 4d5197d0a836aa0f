package io.aigw.studio.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.gateway.auth.Tokens;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signing in to the web UI: an API key buys an HttpOnly session cookie (the key never stays in the
 * browser), the cookie then works wherever a key does, writes need the UI header (no cross-site
 * form can send it), signing out ends it, and it ends by itself when it expires or when its user is
 * disabled or deleted. The server keeps only the token's hash.
 */
@ExtendWith(SystemExtension.class)
class SessionTest {

    static TestSystem system;
    static AdminClient admin;

    @BeforeAll
    static void start(Systems systems) {
        system = systems.start();
        admin = system.admin();
    }

    @Test
    void aKeyBuysAnHttpOnlyStrictCookieThatWorksLikeTheKey() throws SQLException {
        String key = newUserKey("cookie@example.com");
        HttpResult login = signIn(key);
        assertEquals(200, login.status(), login.toString());
        JsonNode me = login.json().path("user");
        assertEquals("cookie@example.com", me.path("email").asText(), login.body());
        assertFalse(me.path("is_admin").asBoolean());
        assertEquals(admin.withKey(key).get("/api/v1/me").json(), me, "the same user view as GET /api/v1/me");
        assertFalse(login.body().contains(key), "the key is not echoed");

        String setCookie = login.header("Set-Cookie");
        assertNotNull(setCookie);
        List<String> attributes = List.of(setCookie.split(";\\s*"));
        assertTrue(attributes.getFirst().matches("aigw_session=[A-Za-z0-9_-]{43}"), setCookie);
        assertTrue(attributes.contains("HttpOnly"), setCookie);
        assertTrue(attributes.contains("SameSite=Strict"), setCookie);
        assertTrue(attributes.contains("Path=/"), setCookie);
        assertFalse(attributes.contains("Secure"), "plain HTTP unless STUDIO_COOKIE_SECURE=true: " + setCookie);
        String cookie = attributes.getFirst();
        String token = cookie.substring("aigw_session=".length());

        HttpResult meByCookie = withCookie(cookie, "GET", "/api/v1/me", null, false);
        assertEquals(200, meByCookie.status(), meByCookie.toString());
        assertEquals("cookie@example.com", meByCookie.json().path("email").asText());
        assertEquals(403, withCookie(cookie, "GET", "/api/v1/users", null, false).status(), "still a plain user");

        // only the token's hash is stored
        assertEquals(1, count("select count(*) from ui_sessions where token_hash = ?", Tokens.hash(token)));
        assertEquals(0, count("select count(*) from ui_sessions where token_hash = ?", token));
    }

    @Test
    void writesByCookieNeedTheUiHeaderAndKeysDoNot() {
        String key = newUserKey("writer@example.com");
        String cookie = cookieOf(signIn(key));
        HttpResult refused = withCookie(cookie, "POST", "/api/v1/apps", "{\"name\": \"no header\"}", false);
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.error().contains("X-AIGW-UI: 1"), refused.toString());
        assertTrue(admin.withKey(key).get("/api/v1/apps").json().isEmpty(), "nothing was written");

        HttpResult written = withCookie(cookie, "POST", "/api/v1/apps", "{\"name\": \"with header\"}", true);
        assertEquals(201, written.status(), written.toString());
        assertEquals(201, admin.withKey(key).post("/api/v1/apps", Map.of("name", "by key")).status(),
                "a key needs no header: no browser sends it by itself");
    }

    @Test
    void signingInNeedsAJsonRequestAndTheRightKey() {
        HttpResult wrong = signIn("aigw_user_not-a-real-key");
        assertEquals(401, wrong.status(), wrong.toString());
        assertEquals("invalid API key", wrong.error());
        assertNull(wrong.header("Set-Cookie"));
        assertEquals(400, signIn("").status(), "a blank key is no key");

        // a cross-site form can send neither a JSON content type nor a header
        HttpResult form = AdminClient.send(HttpRequest.newBuilder(system.apiBase().resolve("/api/v1/session"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\": \"" + system.adminKey() + "\"}")));
        assertEquals(403, form.status(), form.toString());
        assertNull(form.header("Set-Cookie"));
        HttpResult withHeader = AdminClient.send(HttpRequest.newBuilder(system.apiBase().resolve("/api/v1/session"))
                .header("Content-Type", "text/plain").header("X-AIGW-UI", "1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\": \"" + system.adminKey() + "\"}")));
        assertEquals(200, withHeader.status(), withHeader.toString());

        HttpResult adminLogin = signIn(system.adminKey());
        assertEquals(200, adminLogin.status(), adminLogin.toString());
        assertTrue(adminLogin.json().path("user").path("is_admin").asBoolean(), "the bootstrap admin's key");
        assertEquals(200, withCookie(cookieOf(adminLogin), "GET", "/api/v1/users", null, false).status());
    }

    @Test
    void signingOutEndsTheSessionAndClearsTheCookie() {
        String cookie = cookieOf(signIn(newUserKey("leaving@example.com")));
        HttpResult noHeader = withCookie(cookie, "DELETE", "/api/v1/session", null, false);
        assertEquals(403, noHeader.status(), "a cross-site request cannot sign anyone out: " + noHeader);
        assertEquals(200, withCookie(cookie, "GET", "/api/v1/me", null, false).status());

        HttpResult out = withCookie(cookie, "DELETE", "/api/v1/session", null, true);
        assertEquals(204, out.status(), out.toString());
        assertTrue(out.header("Set-Cookie").startsWith("aigw_session=;"), out.header("Set-Cookie"));
        assertTrue(out.header("Set-Cookie").contains("Max-Age=0"), out.header("Set-Cookie"));
        HttpResult after = withCookie(cookie, "GET", "/api/v1/me", null, false);
        assertEquals(401, after.status(), after.toString());
        assertTrue(after.error().contains("sign in again"), after.toString());
        assertTrue(after.header("Set-Cookie").contains("Max-Age=0"), "the dead cookie is cleared");
    }

    @Test
    void aDisabledOrDeletedUsersSessionsAndKeyStopWorking() {
        String key = newUserKey("disabled@example.com");
        long id = admin.withKey(key).get("/api/v1/me").id();
        String cookie = cookieOf(signIn(key));
        assertEquals(200, withCookie(cookie, "GET", "/api/v1/me", null, false).status());

        HttpResult disabled = admin.patch("/api/v1/users/" + id, Map.of("is_active", false));
        assertEquals(200, disabled.status(), disabled.toString());
        assertFalse(disabled.json().path("is_active").asBoolean(), disabled.body());
        assertEquals(401, withCookie(cookie, "GET", "/api/v1/me", null, false).status(), "the session died");
        assertEquals(401, admin.withKey(key).get("/api/v1/me").status(), "and so did the key");
        assertEquals(401, signIn(key).status(), "no new session either");

        assertEquals(200, admin.patch("/api/v1/users/" + id, Map.of("is_active", true)).status());
        assertEquals(200, admin.withKey(key).get("/api/v1/me").status(), "enabled again: the key works");
        assertEquals(401, withCookie(cookie, "GET", "/api/v1/me", null, false).status(),
                "the old session stays ended");

        String again = cookieOf(signIn(key));
        assertEquals(204, admin.delete("/api/v1/users/" + id).status());
        assertEquals(401, withCookie(again, "GET", "/api/v1/me", null, false).status(), "deleted: ended");

        HttpResult bootstrap = admin.patch("/api/v1/users/" + admin.get("/api/v1/me").id(), Map.of("is_active", false));
        assertEquals(409, bootstrap.status(), "the bootstrap admin cannot lock everyone out: " + bootstrap);
    }

    @Test
    void aReplacedKeyIsRefusedAndItsSessionsEnd() {
        String key = newUserKey("rotating@example.com");
        AdminClient user = admin.withKey(key);
        long id = user.get("/api/v1/me").id();
        String cookie = cookieOf(signIn(key));

        HttpResult own = user.post("/api/v1/me/api-key", Map.of());
        assertEquals(200, own.status(), own.toString());
        String second = own.json().path("api_key").asText();
        assertTrue(second.startsWith("aigw_user_") && !second.equals(key), own.body());
        assertEquals(second.substring(0, 14), own.json().path("api_key_prefix").asText());
        assertEquals(401, user.get("/api/v1/me").status(), "the old key is refused at once");
        assertEquals(401, withCookie(cookie, "GET", "/api/v1/me", null, false).status(), "its session ended");
        assertEquals(id, admin.withKey(second).get("/api/v1/me").id());
        assertFalse(admin.get("/api/v1/users/" + id).json().has("api_key"), "shown once");

        HttpResult byAdmin = admin.post("/api/v1/users/" + id + "/api-key", null);
        assertEquals(200, byAdmin.status(), byAdmin.toString());
        assertEquals(401, admin.withKey(second).get("/api/v1/me").status());
        assertEquals(id, admin.withKey(byAdmin.json().path("api_key").asText()).get("/api/v1/me").id());

        assertEquals(400, admin.post("/api/v1/users/" + id + "/api-key", Map.of("key", "mine")).status(),
                "nobody picks a key");
        assertEquals(404, admin.post("/api/v1/users/999999/api-key", null).status());
        HttpResult bootstrap = admin.post("/api/v1/me/api-key", null);
        assertEquals(409, bootstrap.status(), "the bootstrap key comes from STUDIO_ADMIN_KEY: " + bootstrap);
        assertEquals(200, admin.get("/api/v1/me").status());
    }

    @Test
    void sessionsExpireWhenIdleAndAtTheirAbsoluteEnd() throws SQLException {
        String key = newUserKey("expiring@example.com");
        String idle = cookieOf(signIn(key));
        String old = cookieOf(signIn(key));
        String fresh = cookieOf(signIn(key));
        update("update ui_sessions set last_seen_at = now() - interval '12 hours 1 minute' where token_hash = ?",
                Tokens.hash(idle.substring("aigw_session=".length())));
        update("update ui_sessions set expires_at = now() - interval '1 second' where token_hash = ?",
                Tokens.hash(old.substring("aigw_session=".length())));
        assertEquals(401, withCookie(idle, "GET", "/api/v1/me", null, false).status(), "idle for over 12 hours");
        assertEquals(401, withCookie(old, "GET", "/api/v1/me", null, false).status(), "past its absolute end");
        assertEquals(200, withCookie(fresh, "GET", "/api/v1/me", null, false).status(), "others unaffected");
    }

    @Test
    void aForgedOrMalformedCookieIsRefused() {
        for (String cookie : List.of("aigw_session=" + "A".repeat(43), "aigw_session=short", "aigw_session=",
                "aigw_session=" + "x".repeat(2000))) {
            HttpResult r = withCookie(cookie, "GET", "/api/v1/me", null, false);
            assertEquals(401, r.status(), cookie.length() + ": " + r);
            assertNotNull(r.error());
        }
        assertEquals(401, withCookie("other=1", "GET", "/api/v1/me", null, false).status(), "no session cookie");
    }

    @Test
    void theCookieIsSecureWhenTheControlPlaneIsServedOverHttps(Systems systems) {
        TestSystem https = systems.start(Map.of("STUDIO_COOKIE_SECURE", "true"));
        HttpResult login = AdminClient.send(HttpRequest.newBuilder(https.apiBase().resolve("/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\": \"" + https.adminKey() + "\"}")));
        assertEquals(200, login.status(), login.toString());
        assertTrue(List.of(login.header("Set-Cookie").split(";\\s*")).contains("Secure"), login.header("Set-Cookie"));
    }

    // ---- helpers

    private static String newUserKey(String email) {
        HttpResult created = admin.post("/api/v1/users", Map.of("email", email));
        assertEquals(201, created.status(), created.toString());
        return created.json().path("api_key").asText();
    }

    static HttpResult signIn(String key) {
        return AdminClient.send(HttpRequest.newBuilder(system.apiBase().resolve("/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\": \"" + key + "\"}")));
    }

    static String cookieOf(HttpResult login) {
        assertEquals(200, login.status(), login.toString());
        return login.header("Set-Cookie").split(";", 2)[0];
    }

    static HttpResult withCookie(String cookie, String method, String path, String body, boolean uiHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(system.apiBase().resolve(path)).header("Cookie", cookie)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (uiHeader) {
            request.header("X-AIGW-UI", "1");
        }
        return AdminClient.send(request);
    }

    private static long count(String sql, String arg) throws SQLException {
        try (Connection c = system.studio().dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void update(String sql, String arg) throws SQLException {
        try (Connection c = system.studio().dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            assertEquals(1, s.executeUpdate(), sql);
        }
    }
}
