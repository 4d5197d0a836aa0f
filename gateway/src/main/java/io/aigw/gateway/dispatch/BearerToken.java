package io.aigw.gateway.dispatch;

import io.aigw.plugin.api.Headers;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The App token a request carries ({@code Authorization: Bearer} first, else {@code ?token=}), and
 * the request headers and query string with that token taken out, so it never reaches the plugin.
 */
record BearerToken(String token, Headers headers, String queryString) {

    static BearerToken extract(Headers headers, String queryString) {
        String authorization = headers.get("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new BearerToken(authorization.substring(7).trim(), headers.without("Authorization"), queryString);
        }
        if (queryString.isEmpty()) {
            return new BearerToken(null, headers, queryString);
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
        return token == null ? new BearerToken(null, headers, queryString)
                : new BearerToken(token, headers, rest.toString());
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
