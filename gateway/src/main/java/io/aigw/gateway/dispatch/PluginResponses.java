package io.aigw.gateway.dispatch;

import io.aigw.plugin.api.Headers;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks what a plugin answers before any of it reaches the client, and copies status and
 * (multi-valued) headers onto the HTTP response. A plugin must not be able to split a response
 * with CR/LF or hand out a status a client cannot interpret. The gateway's server does not check
 * response headers again as it writes them: what is checked here is all the checking they get.
 */
final class PluginResponses {

    /** Framing is the gateway's business, not the plugin's. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "upgrade", "proxy-connection", "te", "trailer");
    private static final String TOKEN_SYMBOLS = "!#$%&'*+.^_`|~-";
    private static final int MAX_CACHED_NAMES = 1024;
    private static final HeaderName HOP_BY_HOP_MARK = HeaderNames.create("X-Aigw-Hop-By-Hop");
    private static final ConcurrentHashMap<String, HeaderName> NAMES = new ConcurrentHashMap<>();

    private PluginResponses() {
    }

    /** Null when fine, otherwise what is wrong (for the log; the client only sees a 502). */
    static String problem(int status, Headers headers) {
        if (status < 200 || status > 599) {
            return "invalid status code " + status;
        }
        for (Headers.Header h : headers) {
            // a name already in the cache passed this check before
            if (!NAMES.containsKey(h.name()) && !isToken(h.name())) {
                return "invalid header name '" + printable(h.name()) + "'";
            }
            for (String value : h.values()) {
                if (value == null || !isSafeValue(value)) {
                    return "invalid value for header '" + h.name() + "' (control characters or leading whitespace)";
                }
            }
        }
        return null;
    }

    /** Only once {@link #problem} found nothing wrong: the name cache it relies on holds checked names only. */
    static void copy(int status, Headers headers, ServerResponse res) {
        res.status(status == 200 ? Status.OK_200 : Status.create(status));
        for (Headers.Header h : headers) {
            HeaderName name = headerName(h.name());
            if (name == null) {
                continue;
            }
            List<String> values = h.values();
            if (values.size() == 1) {
                res.header(HeaderValues.create(name, values.getFirst()));
            } else {
                res.header(name, values.toArray(String[]::new));
            }
        }
    }

    /**
     * Helidon's name for a plugin header, or null for a hop-by-hop one. Plugins send the same few
     * names over and over, and building a validated name costs more than the rest of the copy.
     * Bounded, so a plugin inventing names cannot grow it without limit.
     */
    private static HeaderName headerName(String name) {
        HeaderName cached = NAMES.get(name);
        if (cached != null) {
            return cached == HOP_BY_HOP_MARK ? null : cached;
        }
        HeaderName created = HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) ? HOP_BY_HOP_MARK
                : HeaderNames.create(name);
        if (NAMES.size() < MAX_CACHED_NAMES) {
            NAMES.putIfAbsent(name, created);
        }
        return created == HOP_BY_HOP_MARK ? null : created;
    }

    /** RFC 9110 token characters, checked by hand: this runs for every header of every response. */
    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || TOKEN_SYMBOLS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * No control characters but HTAB (so no CR, LF, NUL), no DEL, and no leading whitespace: the
     * rule Helidon checks when it writes a header, which the gateway's server leaves to us
     * ({@code HardenedServer.ResponseHeaders.CHECKED_BY_ROUTES}). A loop: this runs for every
     * header value of every response.
     */
    private static boolean isSafeValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ' ' && (c != '\t' || i == 0) || c == '\u007f' || c == ' ' && i == 0) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
