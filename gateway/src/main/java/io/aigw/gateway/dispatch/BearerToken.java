package io.aigw.gateway.dispatch;

import io.aigw.gateway.auth.Bearer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The App token a request carries ({@code Authorization: Bearer}, or {@code ?token=}), where it
 * came from, and the query string with every {@code token} parameter taken out (also a repeated
 * or percent-encoded one, {@code tok%65n=}), so the token never reaches the plugin.
 *
 * <p>A request carrying two different tokens (header and query, or two {@code ?token=}) is
 * ambiguous: its token is then empty, which authenticates nobody (401).
 *
 * @param token      null when the request carries none
 * @param fromHeader the token came from {@code Authorization}, which must then not be forwarded
 */
record BearerToken(String token, boolean fromHeader, String queryString) {

    private static final String NAME = "token";

    static BearerToken extract(String authorization, String queryString) {
        String fromHeader = Bearer.token(authorization);
        if (queryString.indexOf('%') < 0 && !queryString.contains(NAME)) {
            // no token parameter, not even an encoded one: nothing to take out (the common case)
            return fromHeader == null ? new BearerToken(null, false, queryString)
                    : new BearerToken(fromHeader, true, queryString);
        }
        Set<String> tokens = new LinkedHashSet<>();
        if (fromHeader != null) {
            tokens.add(fromHeader);
        }
        StringJoiner rest = new StringJoiner("&");
        boolean inQuery = false;
        for (String pair : queryString.isEmpty() ? new String[0] : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.equals(NAME)) {
                inQuery = true;
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!value.isEmpty()) {
                    tokens.add(value);
                }
            } else if (!pair.isEmpty()) {
                rest.add(pair);
            }
        }
        if (tokens.isEmpty()) {
            return new BearerToken(null, false, queryString);
        }
        String withoutTokens = inQuery ? rest.toString() : queryString;
        if (tokens.size() > 1) {
            return new BearerToken("", fromHeader != null, withoutTokens);
        }
        return new BearerToken(tokens.iterator().next(), fromHeader != null, withoutTokens);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
