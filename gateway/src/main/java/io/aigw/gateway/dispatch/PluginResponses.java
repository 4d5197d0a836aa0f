package io.aigw.gateway.dispatch;

import io.aigw.plugin.api.Headers;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what a plugin answers before any of it reaches the client, and copies status and
 * (multi-valued) headers onto the HTTP response. A plugin must not be able to split a response
 * with CR/LF or hand out a status a client cannot interpret.
 */
final class PluginResponses {

    /** Framing is the gateway's business, not the plugin's. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "upgrade", "proxy-connection", "te", "trailer");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private PluginResponses() {
    }

    /** Null when fine, otherwise what is wrong (for the log; the client only sees a 502). */
    static String problem(int status, Headers headers) {
        if (status < 200 || status > 599) {
            return "invalid status code " + status;
        }
        for (Headers.Header h : headers) {
            if (!TOKEN.matcher(h.name()).matches()) {
                return "invalid header name '" + printable(h.name()) + "'";
            }
            for (String value : h.values()) {
                if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                    return "invalid value for header '" + h.name() + "' (CR, LF or NUL)";
                }
            }
        }
        return null;
    }

    static void copy(int status, Headers headers, ServerResponse res) {
        res.status(Status.create(status));
        for (Headers.Header h : headers) {
            if (!HOP_BY_HOP.contains(h.name().toLowerCase(Locale.ROOT))) {
                res.header(HeaderNames.create(h.name()), h.values().toArray(String[]::new));
            }
        }
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
