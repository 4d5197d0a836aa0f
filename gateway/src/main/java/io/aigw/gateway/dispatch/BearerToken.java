package io.aigw.gateway.dispatch;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The App token a request carries ({@code Authorization: Bearer} first, else {@code ?token=}),
 * where it came from, and the query string with a consumed {@code token} taken out, so the token
 * never reaches the plugin.
 *
 * @param token      null when the request carries none
 * @param fromHeader the token came from {@code Authorization}, which must then not be forwarded
 */
record BearerToken(String token, boolean fromHeader, String queryString) {

    static BearerToken extract(String authorization, String queryString) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new BearerToken(authorization.substring(7).trim(), true, queryString);
        }
        if (queryString.isEmpty()) {
            return new BearerToken(null, false, queryString);
        }
        String token = null;
        StringJoiner rest = new StringJoiner("&");
        for (String pair : queryString.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (token == null && name.equals("token")) {
                token = decode(pair.substring(Math.min(pair.length(), name.length() + 1)));
            } else if (!pair.isEmpty()) {
                rest.add(pair);
            }
        }
        return token == null ? new BearerToken(null, false, queryString)
                : new BearerToken(token, false, rest.toString());
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
