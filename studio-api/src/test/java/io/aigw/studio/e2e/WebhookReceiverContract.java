package io.aigw.studio.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The webhook receiver example ({@code plugins/webhook-receiver}) through a started system, as a
 * webhook sender and an App see it: registered without a secret it fails to start and says so;
 * with one, signed webhooks are stored in its plugin store and listed to App tokens, and every
 * refused request (bad or missing signature, no event type, too large) stores nothing.
 * Subclasses run it as the dropped-in jar and as the external binary.
 */
@ExtendWith(SystemExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookReceiverContract {

    /** Generous for a loaded CI box: every wait ends as soon as what it waits for has happened. */
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String SECRET = "contract-test-secret-5f2c9a";
    /** The plugin's own body limit in these tests (its default is 1 MiB, the gateway's too). */
    static final int MAX_BODY = 4096;
    static final String MISSING_SECRET = "config 'webhook_secret' is required";

    TestSystem system;
    long pluginId;
    /** The plugin's {@code status} and a webhook's answer while it was registered without a secret. */
    JsonNode statusWithoutSecret;
    HttpResult webhookWithoutSecret;
    String token;

    /**
     * Registers the example under the slug {@code webhooks} with no {@code webhook_secret} and
     * returns its id (waiting is the caller's part).
     */
    abstract long installWithoutSecret(TestSystem system) throws Exception;

    @BeforeAll
    void start(Systems systems) throws Exception {
        system = systems.start();
        pluginId = installWithoutSecret(system);
        assertTrue(TestSystem.await(WAIT, () -> status().path("error").asText("").contains(MISSING_SECRET)),
                "the plugin fails to start for want of a secret: " + status());
        statusWithoutSecret = status();
        webhookWithoutSecret = deliver("/", "{\"type\": \"early\"}", "X-Webhook-Signature", sign(SECRET,
                "{\"type\": \"early\"}"));

        HttpResult configured = admin().patch("/api/v1/plugins/" + pluginId, Map.of("config", Map.of(
                "slug", "webhooks", "webhook_secret", SECRET, "max_body_bytes", String.valueOf(MAX_BODY))));
        assertEquals(200, configured.status(), configured.toString());
        assertTrue(TestSystem.await(WAIT, () -> "running".equals(status().path("state").asText())),
                "running once the secret is set: " + status());

        long app = admin().post("/api/v1/apps", Map.of("name", "webhook-reader", "owner_email", "ops@example.com")).id();
        HttpResult credential = admin().post("/api/v1/apps/" + app + "/credentials", Map.of());
        assertEquals(201, credential.status(), credential.toString());
        token = credential.json().path("token").asText();
    }

    @Test
    void withoutASecretThePluginFailsToStartSayingWhatToSetAndServesNothing() {
        assertNotEquals("running", statusWithoutSecret.path("state").asText(), statusWithoutSecret.toString());
        String error = statusWithoutSecret.path("error").asText();
        assertTrue(error.contains(MISSING_SECRET + ": the shared secret webhook senders sign their requests with"),
                error);
        assertEquals(503, webhookWithoutSecret.status(), webhookWithoutSecret.toString());
        assertTrue(webhookWithoutSecret.json().path("error").isTextual(), webhookWithoutSecret.toString());
        assertEquals("webhooks", statusWithoutSecret.path("slug").asText(), statusWithoutSecret.toString());
    }

    @Test
    void aSignedWebhookIsAcknowledgedAndListedToAnApp() {
        String body = "{\"type\": \"payment.succeeded\", \"amount\": 4200, \"currency\": \"eur\"}";
        HttpResult accepted = deliver("/", body, "X-Webhook-Signature", "sha256=" + sign(SECRET, body),
                "Content-Type", "application/json");
        assertEquals(200, accepted.status(), accepted.toString());
        assertEquals("acknowledged", accepted.json().path("status").asText());
        assertEquals("payment.succeeded", accepted.json().path("type").asText());
        String id = accepted.json().path("id").asText();

        HttpResult listed = system.gatewayGet("/plugins/webhooks/events?limit=5", token);
        assertEquals(200, listed.status(), listed.toString());
        JsonNode newest = listed.json().path("events").get(0);
        assertEquals(id, newest.path("id").asText(), listed.body());
        assertEquals("payment.succeeded", newest.path("type").asText());
        assertEquals(body, newest.path("body").asText());
        assertEquals(body.length(), newest.path("size").asInt());
        assertEquals("application/json", newest.path("content_type").asText());

        // the seed's form: the event type as the path, the signature bare hex
        HttpResult seedStyle = deliver("/user", "{\"id\": 1}", "X-Webhook-Signature", sign(SECRET, "{\"id\": 1}"));
        assertEquals(200, seedStyle.status(), seedStyle.toString());
        assertEquals(List.of("user", "payment.succeeded"), types(system.gatewayGet("/plugins/webhooks/events?limit=2",
                token)));
    }

    @Test
    void aMissingOrWrongSignatureIs401AndNothingIsStored() {
        List<String> before = newestIds();
        String body = "{\"type\": \"push\"}";
        List<HttpResult> refused = List.of(
                deliver("/", body),
                deliver("/", body, "X-Webhook-Signature", sign("some-other-secret-entirely", body)),
                deliver("/", body, "X-Webhook-Signature", sign(SECRET, body + " ")),
                deliver("/", body, "X-Webhook-Signature", "sha256=not-hex"));
        for (HttpResult r : refused) {
            assertEquals(401, r.status(), r.toString());
            assertTrue(r.json().path("error").asText().contains("X-Webhook-Signature"), r.toString());
        }
        assertEquals(before, newestIds(), "nothing stored");
    }

    @Test
    void noEventTypeIs400AndNothingIsStored() {
        List<String> before = newestIds();
        String body = "{\"amount\": 1}";
        HttpResult r = deliver("/", body, "X-Webhook-Signature", sign(SECRET, body));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.json().path("error").asText().startsWith("no event type: send it as the X-Webhook-Event header"),
                r.toString());
        assertEquals(before, newestIds(), "nothing stored");
    }

    @Test
    void aBodyOverTheLimitIs413AndNothingIsStored() {
        List<String> before = newestIds();
        String body = "{\"type\": \"bulk\", \"pad\": \"" + "x".repeat(MAX_BODY) + "\"}";
        HttpResult r = deliver("/", body, "X-Webhook-Signature", sign(SECRET, body));
        assertEquals(413, r.status(), r.toString());
        assertTrue(r.json().path("error").asText().contains("at most " + MAX_BODY), r.toString());
        assertEquals(before, newestIds(), "nothing stored");
    }

    @Test
    void listingTheEventsTakesAnAppToken() {
        for (String credential : new String[] {null, "not-a-token"}) {
            HttpResult r = system.gatewayGet("/plugins/webhooks/events", credential);
            assertEquals(401, r.status(), r.toString());
            assertTrue(r.json().path("error").isTextual(), r.toString());
            assertFalse(r.body().contains("\"events\""), r.body());
        }
    }

    @Test
    void theEventsSurviveAReloadOfThePlugin() {
        String body = "{\"event\": \"build:finished\"}";
        HttpResult accepted = deliver("/", body, "X-Webhook-Signature", sign(SECRET, body));
        assertEquals(200, accepted.status(), accepted.toString());
        String id = accepted.json().path("id").asText();
        assertEquals(200, admin().post("/api/v1/plugins/" + pluginId + "/reload", Map.of()).status());
        assertTrue(TestSystem.await(WAIT, () -> {
            HttpResult listed = system.gatewayGet("/plugins/webhooks/events?limit=100", token);
            return listed.status() == 200 && listed.body().contains(id);
        }), "still listed after the reload: " + system.gatewayGet("/plugins/webhooks/events", token));
    }

    // ---- helpers

    AdminClient admin() {
        return system.admin();
    }

    JsonNode status() {
        return admin().get("/api/v1/plugins/" + pluginId).json().path("status");
    }

    /** A POST to {@code /plugins/webhooks{path}} as a webhook sender makes it: no App token. */
    HttpResult deliver(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(system.gatewayBase().resolve("/plugins/webhooks" + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return AdminClient.send(request);
    }

    /** What {@code openssl dgst -sha256 -hmac <secret>} prints for {@code body}: the hex HMAC-SHA256. */
    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The ids of the newest events (up to 100), as an App lists them. */
    List<String> newestIds() {
        HttpResult listed = system.gatewayGet("/plugins/webhooks/events?limit=100", token);
        assertEquals(200, listed.status(), listed.toString());
        List<String> ids = new ArrayList<>();
        listed.json().path("events").forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }

    static List<String> types(HttpResult listed) {
        assertEquals(200, listed.status(), listed.toString());
        List<String> types = new ArrayList<>();
        listed.json().path("events").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }
}
