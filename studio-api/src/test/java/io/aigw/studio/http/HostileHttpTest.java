package io.aigw.studio.http;

import io.aigw.gateway.http.HostileHttpContract;
import io.aigw.gateway.http.RawClient;
import io.aigw.studio.testing.SystemExtension;
import io.aigw.studio.testing.Systems;
import io.aigw.studio.testing.TestSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The control plane's API server against hostile clients ({@link HostileHttpContract}; the
 * embedded gateway is the same server code, tested in the gateway module).
 */
@ExtendWith(SystemExtension.class)
class HostileHttpTest extends HostileHttpContract {

    private TestSystem system;

    @BeforeAll
    void start(Systems systems) {
        system = systems.start(LIMITS);
    }

    @Override
    protected int port() {
        return system.studio().port();
    }

    @Override
    protected String publicPath() {
        return "/health";
    }

    @Override
    protected String protectedPath() {
        return "/api/v1/me";
    }

    @Override
    protected String authorization() {
        return "Bearer " + system.adminKey();
    }

    @Override
    protected String bodyPath() {
        return "/api/v1/apps";
    }

    /** The smuggled request of the original report: the admin's own identity, hidden in a 401's body. */
    @Test
    void anAuthenticatedRequestHiddenInABodyIsNeverServed() {
        String smuggled = "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: " + authorization() + "\r\n\r\n";
        try (RawClient c = RawClient.connect(port())) {
            c.send("POST /api/v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + smuggled.length() + "\r\n\r\n" + smuggled);
            c.read().assertJsonError(401);
            assertEquals("", c.readUntilClosed());
        }
    }
}
