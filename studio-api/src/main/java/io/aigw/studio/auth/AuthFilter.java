package io.aigw.studio.auth;

import io.aigw.gateway.auth.Bearer;
import io.aigw.gateway.edge.EdgeProtocol;
import io.aigw.studio.http.Responses;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Optional;

/**
 * Every {@code /api/v1/...} request needs {@code Authorization: Bearer <key>}: a user's API key or
 * a bootstrap admin key (which authenticates as the bootstrap admin user). What the caller may
 * then do is decided per route ({@link io.aigw.studio.http.Access}) and per row by the services.
 * The edge stream is the exception: edges present the gateway secret, checked by that service.
 */
public final class AuthFilter implements Filter {

    private static final String PROTECTED = "/api/v1";

    private final AdminKeys adminKeys;
    private final UserKeys userKeys;

    public AuthFilter(AdminKeys adminKeys, UserKeys userKeys) {
        this.adminKeys = adminKeys;
        this.userKeys = userKeys;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (!path.equals(PROTECTED) && !path.startsWith(PROTECTED + "/") || path.startsWith(EdgeProtocol.PATH_PREFIX)) {
            chain.proceed();
            return;
        }
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty()) {
            refuse(req, res, "missing API key: send 'Authorization: Bearer <key>'");
            return;
        }
        String key = Bearer.token(header.get());
        Optional<Caller> caller = key == null ? Optional.empty() : authenticate(key);
        if (caller.isEmpty()) {
            refuse(req, res, "invalid API key");
            return;
        }
        req.context().register(Caller.class, caller.get());
        chain.proceed();
    }

    private Optional<Caller> authenticate(String key) {
        if (adminKeys.verify(key)) {
            return userKeys.bootstrapAdmin();
        }
        return userKeys.find(key);
    }

    private static void refuse(RoutingRequest req, RoutingResponse res, String message) {
        res.header(HeaderNames.WWW_AUTHENTICATE, Bearer.SCHEME);
        Responses.error(req, res, 401, message);
    }
}
