package io.aigw.studio.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.gateway.auth.Tokens;
import io.aigw.studio.http.Access;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.ApiFeature;
import io.aigw.studio.http.ApiRoutes;
import io.aigw.studio.http.Fields;
import io.aigw.studio.http.JsonBody;
import io.aigw.studio.http.Responses;
import io.aigw.studio.users.UserService;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * {@code /api/v1/session}: signing in to the web UI with an API key, and out again. The browser
 * gets the session as an HttpOnly cookie ({@link SessionCookie}), so the key itself is never kept
 * in the browser; every other route accepts the cookie where it accepts a key ({@link AuthFilter}).
 */
public final class SessionService implements ApiFeature {

    public static final String PATH = "/api/v1/session";
    private static final Logger LOG = Logger.getLogger(SessionService.class.getName());

    private final AdminKeys adminKeys;
    private final UserKeys userKeys;
    private final Sessions sessions;
    private final SessionCookie cookie;
    private final UserService users;

    public SessionService(AdminKeys adminKeys, UserKeys userKeys, Sessions sessions, SessionCookie cookie,
                          UserService users) {
        this.adminKeys = adminKeys;
        this.userKeys = userKeys;
        this.sessions = sessions;
        this.cookie = cookie;
        this.users = users;
    }

    @Override
    public void routes(ApiRoutes r) {
        r.post(PATH, Access.PUBLIC, this::signIn)
                .delete(PATH, Access.PUBLIC, this::signOut);
    }

    private void signIn(ServerRequest req, ServerResponse res) {
        // Signing in sets a cookie: a cross-site form must not be able to sign a browser in to an
        // account of the attacker's. Such a form can send neither a JSON content type nor a header.
        if (!SessionCookie.hasCsrfHeader(req) && !isJson(req)) {
            throw new ApiException(403, "signing in needs 'Content-Type: application/json' or the header '"
                    + SessionCookie.CSRF_HEADER + ": 1'");
        }
        ObjectNode body = JsonBody.required(req);
        Fields.onlyKnown(body, Set.of("api_key"));
        String key = Fields.string(body, "api_key", Tokens.MAX_LENGTH);
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("'api_key' is required");
        }
        Optional<Caller> caller = adminKeys.verify(key) ? userKeys.bootstrapAdmin() : userKeys.find(key);
        if (caller.isEmpty()) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
            throw new ApiException(401, "invalid API key");
        }
        String token = sessions.start(caller.get().userId(), Tokens.hash(key));
        cookie.set(res, token);
        LOG.info(() -> "user " + caller.get().userId() + " signed in to the UI");
        Responses.ok(req, res, Map.of("user", users.me(caller.get().userId())));
    }

    private void signOut(ServerRequest req, ServerResponse res) {
        Optional<String> token = SessionCookie.token(req);
        if (token.isPresent()) {
            if (!SessionCookie.hasCsrfHeader(req)) {
                throw new ApiException(403, "signing out needs the header '" + SessionCookie.CSRF_HEADER + ": 1'");
            }
            sessions.end(token.get());
        }
        cookie.clear(res);
        Responses.noContent(req, res);
    }

    private static boolean isJson(ServerRequest req) {
        return req.headers().first(HeaderNames.CONTENT_TYPE)
                .map(v -> v.split(";", 2)[0].trim().equalsIgnoreCase("application/json")).orElse(false);
    }
}
