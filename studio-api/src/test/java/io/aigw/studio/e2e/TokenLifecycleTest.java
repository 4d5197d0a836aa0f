package io.aigw.studio.e2e;

import io.aigw.studio.testing.AdminClient;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What happens to a token over its life, as seen at the gateway. */
@ExtendWith(SystemExtension.class)
class TokenLifecycleTest {

    static TestSystem system;
    static AdminClient admin;
    static Gateway gateway;

    @BeforeAll
    static void start(Systems systems) {
        system = systems.start();
        admin = system.admin();
        gateway = new Gateway(system.gatewayBase());
        system.installEcho();
    }

    @Test
    void theShippedEchoRefusesItsDiagnosticSwitches() {
        long app = admin.post("/api/v1/apps", Map.of("name", "curious")).id();
        String token = admin.post("/api/v1/apps/" + app + "/credentials", Map.of()).json().path("token").asText();
        for (String query : List.of("busy_ms=10", "sleep_ms=10", "fail=1")) {
            var r = gateway.get("/plugins/echo/x?" + query, token);
            assertEquals(400, r.statusCode(), query + ": " + r.body());
            assertTrue(EchoEndpointContract.json(r).path("error").asText().contains("'diagnostics'"), r.body());
        }
        var stream = gateway.get("/plugins/echo/stream?error_after=1", token);
        assertEquals(400, stream.statusCode(), stream.body());
    }

    @Test
    void anExpiredTokenIsRefused() {
        long app = admin.post("/api/v1/apps", Map.of("name", "expiring")).id();
        Instant expiresAt = Instant.now().plusSeconds(2);
        String token = admin.post("/api/v1/apps/" + app + "/credentials",
                Map.of("expires_at", expiresAt.toString())).json().path("token").asText();
        assertEquals(200, gateway.get("/plugins/echo/x", token).statusCode());
        assertTrue(TestSystem.await(Duration.ofSeconds(30), () -> Instant.now().isAfter(expiresAt)));
        assertEquals(401, gateway.get("/plugins/echo/x", token).statusCode());
    }

    @Test
    void eachTokenCarriesItsOwnScopesAndAllTokensOfAnAppWork() {
        long app = admin.post("/api/v1/apps", Map.of("name", "scoped")).id();
        String reader = admin.post("/api/v1/apps/" + app + "/credentials", Map.of("scopes", List.of("read")))
                .json().path("token").asText();
        String writer = admin.post("/api/v1/apps/" + app + "/credentials", Map.of("scopes", List.of("write")))
                .json().path("token").asText();
        assertEquals("[\"read\"]", EchoEndpointContract.json(gateway.get("/plugins/echo/x", reader))
                .path("scopes").toString());
        assertEquals("[\"write\"]", EchoEndpointContract.json(gateway.get("/plugins/echo/x", writer))
                .path("scopes").toString());
    }
}
