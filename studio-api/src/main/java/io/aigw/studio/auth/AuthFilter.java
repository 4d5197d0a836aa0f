package io.aigw.studio.auth;

import io.aigw.gateway.auth.Bearer;
import io.aigw.gateway.edge.EdgeProtocol;
import io.aigw.studio.http.Responses;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Optional;

/**
 * Every {@code /api/v1/...} request needs {@code Authorization: Bearer <key>}: a user's API key or
 * a bootstrap admin key (which authenticates as the bootstrap admin user), or the web UI's session
 * cookie ({@link Sessions}). A cookie-authenticated request that may change something (any method
 * but GET and HEAD) must also carry {@code X-AIGW-UI: 1}, which no cross-site form or link can set.
 * What the caller may then do is decided per route ({@link io.aigw.studio.http.Access}) and per row
 * by the services. Two exceptions: edges present the gateway secret, checked by that service; and
 * signing in to the UI ({@link SessionService}) is how a browser gets its cookie.
 */
public final class AuthFilter implements Filter {

    private static final String PROTECTED = "/api/v1";

    private final AdminKeys adminKeys;
    private final UserKeys userKeys;
    private final Sessions sessions;
    private final SessionCookie cookie;

    public AuthFilter(AdminKeys adminKeys, UserKeys userKeys, Sessions sessions, SessionCookie cookie) {
        this.adminKeys = adminKeys;
        this.userKeys = userKeys;
        this.sessions = sessions;
        this.cookie = cookie;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (!path.equals(PROTECTED) && !path.startsWith(PROTECTED + "/") || path.startsWith(EdgeProtocol.PATH_PREFIX)
                || path.equals(SessionService.PATH)) {
            chain.proceed();
            return;
        }
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty()) {
            Optional<String> session = SessionCookie.token(req);
            if (session.isPresent()) {
                fromSession(chain, req, res, session.get());
                return;
            }
            refuse(req, res, "missing API key: send 'Authorization: Bearer <key>' (or sign in to the UI: POST "
                    + SessionService.PATH + ")");
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

    private void fromSession(FilterChain chain, RoutingRequest req, RoutingResponse res, String token) {
        Optional<Caller> caller = sessions.find(token);
        if (caller.isEmpty()) {
            cookie.clear(res);
            refuse(req, res, "not signed in: the session has ended (signed out, expired, or the user or key "
                    + "is no longer valid); sign in again");
            return;
        }
        Method method = req.prologue().method();
        if (method != Method.GET && method != Method.HEAD && !SessionCookie.hasCsrfHeader(req)) {
            Responses.error(req, res, 403, "a request authenticated by the session cookie that changes something "
                    + "must carry the header '" + SessionCookie.CSRF_HEADER + ": 1'");
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
