package io.aigw.studio.http;

import io.aigw.studio.auth.Caller;
import io.helidon.webserver.http.ServerRequest;

/** Who may call a route at all; services narrow further by row (e.g. a user's own Apps). */
public enum Access {
    /** Admins only; any other user gets 403. */
    ADMIN,
    /** Any authenticated user; the service decides what they see. */
    USER,
    /** Edge gateways presenting the gateway secret; user keys do not apply. */
    EDGE,
    /** Anyone: the route authenticates by itself (signing in to the web UI and out again). */
    PUBLIC;

    void check(ServerRequest req) {
        switch (this) {
            case ADMIN -> Caller.of(req).requireAdmin();
            case USER -> Caller.of(req);
            case EDGE -> {
                // checked by the edge service against the gateway secret
            }
            case PUBLIC -> {
                // the route's own business
            }
        }
    }
}
