package io.aigw.gateway.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.gateway.testing.Client;
import io.aigw.gateway.testing.GatewayUnderTest;
import io.aigw.gateway.testing.TestPlugin;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.EndpointResponse;
import io.aigw.plugin.api.EndpointRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static io.aigw.gateway.testing.Client.assertJsonError;
import static io.aigw.gateway.testing.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /plugins/{slug}/...} as a client sees it, without the control plane: routing (exact
 * before wildcard, methods, unknown and unavailable slugs), token auth, and the body limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginEndpointServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1024;

    private GatewayUnderTest gateway;
    private Client client;
    private final AtomicInteger uploadsSeen = new AtomicInteger();

    @BeforeAll
    void start() {
        gateway = GatewayUnderTest.start(Map.of("PLUGIN_ENDPOINT_MAX_BODY_SIZE", String.valueOf(MAX_BODY)));
        client = new Client(gateway);
        gateway.load(1, "shop", TestPlugin.unary(List.of(
                EndpointRegistration.builder("/items").methods("GET").build(),
                EndpointRegistration.builder("/*").methods("GET", "POST").requireAuth(true).build(),
                EndpointRegistration.builder("/upload").methods("POST").build()), (context, request) -> {
            if (request.relativePath().equals("/items") && !request.authenticated()) {
                return EndpointResponse.text(200, "the exact route");
            }
            if (request.relativePath().equals("/upload")) {
                uploadsSeen.incrementAndGet();
            }
            return EndpointResponse.json(200, describe(request));
        }));
        gateway.load(2, "docs", TestPlugin.pathEcho(List.of(EndpointRegistration.builder("/doc").methods("GET").build())));
        gateway.load(3, "broken", TestPlugin.failingInit("missing api key"));
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    private static String describe(EndpointRequest request) throws Exception {
        Set<String> headerNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().forEach(h -> headerNames.add(h.name()));
        return JSON.writeValueAsString(Map.of(
                "method", request.method(), "relative_path", request.relativePath(),
                "authenticated", request.authenticated(),
                "app", request.app() == null ? "" : request.app().name(),
                "scopes", request.scopes(), "query", request.queryString(),
                "body_size", request.body().length,
                "authorization_forwarded", headerNames.contains("Authorization"),
                "cookies", request.headers().all("Cookie")));
    }

    @Test
    void theExactRouteAnswersBeforeTheWildcardAndOtherMethodsFallToTheWildcard() {
        HttpResponse<String> exact = client.get("/plugins/shop/items");
        assertEquals(200, exact.statusCode(), exact.body());
        assertEquals("the exact route", exact.body());
        // POST /items and GET /items/x have no exact route: the /* catch-all takes them, and it wants a token
        assertJsonError(client.send(client.request("/plugins/shop/items").POST(HttpRequest.BodyPublishers.noBody())),
                401);
        assertJsonError(client.get("/plugins/shop/items/x"), 401);
        JsonNode below = json(client.send(client.authorized("/plugins/shop/items/x").GET()));
        assertEquals("/items/x", below.path("relative_path").asText());
        assertTrue(below.path("authenticated").asBoolean());
    }

    @Test
    void aRouteForGetOnlyAnswersOtherMethodsWith404AndUnknownMethodsWith405() {
        HttpResponse<String> ok = client.get("/plugins/docs/doc");
        assertEquals(200, ok.statusCode());
        assertEquals("/doc", ok.body());
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            String message = assertJsonError(client.send(client.request("/plugins/docs/doc")
                    .method(method, HttpRequest.BodyPublishers.noBody())), 404);
            assertEquals("no route for " + method + " /plugins/docs/doc", message);
        }
        HttpResponse<String> trace = client.send(client.request("/plugins/docs/doc")
                .method("TRACE", HttpRequest.BodyPublishers.noBody()));
        assertEquals("method TRACE is not supported on plugin endpoints", assertJsonError(trace, 405));
        String allow = trace.headers().firstValue("Allow").orElse("");
        for (String method : EndpointRegistration.VALID_METHODS) {
            assertTrue(allow.contains(method), "Allow: " + allow);
        }
    }

    @Test
    void anUnknownSlugOrPathIs404AndAPluginThatIsNotRunning503() {
        assertEquals("no plugin serves /plugins/nobody", assertJsonError(client.get("/plugins/nobody/x"), 404));
        assertJsonError(client.get("/plugins/docs/other"), 404);
        assertJsonError(client.get("/plugins"), 404);
        assertJsonError(client.get("/elsewhere"), 404);
        String message = assertJsonError(client.get("/plugins/broken/x"), 503);
        assertEquals("plugin 'broken' is not available", message);
        assertFalse(message.contains("missing api key"), "the plugin's failure stays in the log and the status");
    }

    @Test
    void aMissingOrWrongTokenIs401AndAValidOneReachesThePluginWithItsAppButIsNotForwarded() {
        HttpResponse<String> missing = client.get("/plugins/shop/x");
        assertEquals("missing token", assertJsonError(missing, 401));
        assertEquals("Bearer", missing.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("invalid or expired token", assertJsonError(client.send(client.request("/plugins/shop/x")
                .header("Authorization", "Bearer aigw_not-a-token")), 401));

        JsonNode viaHeader = json(client.send(client.authorized("/plugins/shop/x?a=1")));
        assertTrue(viaHeader.path("authenticated").asBoolean());
        assertEquals(GatewayUnderTest.APP.name(), viaHeader.path("app").asText());
        assertEquals(List.of("read"), JSON.convertValue(viaHeader.path("scopes"), List.class));
        assertFalse(viaHeader.path("authorization_forwarded").asBoolean(), "the consumed header is dropped");
        assertEquals("a=1", viaHeader.path("query").asText());

        JsonNode viaQuery = json(client.get("/plugins/shop/x?a=1&token=" + gateway.token() + "&b=2"));
        assertTrue(viaQuery.path("authenticated").asBoolean());
        assertEquals("a=1&b=2", viaQuery.path("query").asText(), "the consumed query token is dropped");
    }

    @Test
    void anUnauthenticatedRouteGetsTheRequestUntouched() {
        JsonNode upload = json(client.send(client.request("/plugins/shop/upload")
                .header("Authorization", "Basic dXNlcjpwYXNz").POST(HttpRequest.BodyPublishers.ofString("hi"))));
        assertFalse(upload.path("authenticated").asBoolean());
        assertTrue(upload.path("authorization_forwarded").asBoolean(), "an OAuth token endpoint needs its Basic auth");
        assertEquals(2, upload.path("body_size").asInt());
    }

    @Test
    void theControlPlanesSessionCookieNeverReachesAPluginOtherCookiesDo() {
        // a browser signed in to the control plane on the same host sends its session cookie here too
        JsonNode open = json(client.send(client.request("/plugins/shop/upload")
                .header("Cookie", "theme=dark; aigw_session=s3cret-session; lang=en")
                .POST(HttpRequest.BodyPublishers.ofString("hi"))));
        assertEquals("[\"theme=dark; lang=en\"]", open.path("cookies").toString());
        JsonNode onlySession = json(client.send(client.authorized("/plugins/shop/x")
                .header("Cookie", "aigw_session=s3cret-session")));
        assertEquals("[]", onlySession.path("cookies").toString(), "an empty Cookie header is not passed on");
        assertFalse(onlySession.toString().contains("s3cret-session"));
    }

    @Test
    void aBodyOverTheLimitIs413NamingTheLimitAndNeverReachesThePlugin() {
        int before = uploadsSeen.get();
        String declared = assertJsonError(client.send(client.request("/plugins/shop/upload")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[MAX_BODY + 1]))), 413);
        assertTrue(declared.contains(String.valueOf(MAX_BODY)), declared);
        // chunked: no Content-Length to refuse up front, so the gateway counts what it reads
        String counted = assertJsonError(client.send(client.request("/plugins/shop/upload")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[MAX_BODY * 4])))),
                413);
        assertTrue(counted.contains(String.valueOf(MAX_BODY)), counted);
        assertEquals(before, uploadsSeen.get(), "the plugin never saw an oversized body");

        JsonNode atLimit = json(client.send(client.request("/plugins/shop/upload")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[MAX_BODY]))));
        assertEquals(MAX_BODY, atLimit.path("body_size").asInt());
        assertEquals(before + 1, uploadsSeen.get());
    }

    @Test
    void everyAnswerCarriesTheCallersRequestIdOrAGeneratedOne() {
        HttpResponse<String> kept = client.send(client.request("/plugins/docs/doc").header("X-Request-ID", "trace-1"));
        assertEquals("trace-1", kept.headers().firstValue("X-Request-ID").orElse(""));
        for (HttpResponse<String> r : List.of(client.get("/plugins/docs/doc"), client.get("/plugins/nobody"),
                client.get("/plugins/shop/x"), client.get("/plugins/broken/x"))) {
            assertFalse(r.headers().firstValue("X-Request-ID").orElse("").isBlank(), r.uri().toString());
        }
    }
}
