package io.aigw.studio.auth;

import io.aigw.studio.http.ApiException;
import io.helidon.webserver.http.ServerRequest;

/** The authenticated user behind an admin-API request. */
public record Caller(long userId, String email, String name, boolean isAdmin) {

    /** The caller the auth filter registered; routes outside authentication never ask. */
    public static Caller of(ServerRequest req) {
        return req.context().get(Caller.class, Caller.class)
                .orElseThrow(() -> new ApiException(401, "not authenticated"));
    }

    public void requireAdmin() {
        if (!isAdmin) {
            throw new ApiException(403, "forbidden: this action needs an admin");
        }
    }
}
