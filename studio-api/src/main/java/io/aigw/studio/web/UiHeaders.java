package io.aigw.studio.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * The security headers of every UI file the control plane serves, its own and plugins': scripts,
 * styles, images and fonts from this origin only (plugins' assets are served from it too), no
 * framing, no plugins, no third party anywhere.
 */
public final class UiHeaders {

    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private UiHeaders() {
    }

    public static void apply(ServerResponse res) {
        res.header(HeaderNames.create("Content-Security-Policy"), CSP);
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
    }
}
