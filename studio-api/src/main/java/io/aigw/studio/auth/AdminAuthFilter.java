package io.aigw.studio.auth;

import io.aigw.studio.http.Responses;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Optional;

/** Every {@code /api/v1/...} request needs {@code Authorization: Bearer <admin key>}. */
public final class AdminAuthFilter implements Filter {

    private static final String PROTECTED = "/api/v1";
    private static final String BEARER = "bearer ";

    private final AdminKeys keys;

    public AdminAuthFilter(AdminKeys keys) {
        this.keys = keys;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (!path.equals(PROTECTED) && !path.startsWith(PROTECTED + "/")) {
            chain.proceed();
            return;
        }
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty()) {
            refuse(req, res, "missing admin key: send 'Authorization: Bearer <admin key>'");
            return;
        }
        String value = header.get().strip();
        if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || !keys.verify(value.substring(BEARER.length()).strip())) {
            refuse(req, res, "invalid admin key");
            return;
        }
        chain.proceed();
    }

    private static void refuse(RoutingRequest req, RoutingResponse res, String message) {
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        Responses.error(req, res, 401, message);
    }
}
