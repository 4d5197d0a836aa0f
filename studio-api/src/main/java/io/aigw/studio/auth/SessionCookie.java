package io.aigw.studio.auth;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Optional;

/**
 * The UI session cookie: {@code aigw_session}, HttpOnly (no script reads it), SameSite=Strict (no
 * other site's page sends it), for the whole origin, plus Secure when the control plane is served
 * over HTTPS ({@code STUDIO_COOKIE_SECURE=true}).
 */
public final class SessionCookie {

    public static final String NAME = "aigw_session";
    /** The header a cookie-authenticated write must carry: a cross-site form cannot set one. */
    public static final String CSRF_HEADER = "X-AIGW-UI";

    private final boolean secure;

    public SessionCookie(boolean secure) {
        this.secure = secure;
    }

    /** The session token the request carries, if any. */
    public static Optional<String> token(ServerRequest req) {
        var cookies = req.headers().cookies();
        return cookies.contains(NAME) ? Optional.of(cookies.get(NAME)) : Optional.empty();
    }

    /** Whether the request carries {@code X-AIGW-UI: 1}. */
    public static boolean hasCsrfHeader(ServerRequest req) {
        return req.headers().first(io.helidon.http.HeaderNames.create(CSRF_HEADER)).map(v -> v.trim().equals("1"))
                .orElse(false);
    }

    public void set(ServerResponse res, String token) {
        res.header(HeaderNames.SET_COOKIE, NAME + "=" + token + attributes() + "; Max-Age=" + Sessions.ABSOLUTE.toSeconds());
    }

    public void clear(ServerResponse res) {
        res.header(HeaderNames.SET_COOKIE, NAME + "=" + attributes() + "; Max-Age=0");
    }

    private String attributes() {
        return "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
