package io.aigw.examples.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The listing's query parameters ({@code limit}, {@code cursor}), URL-decoded; the first value of
 * each counts.
 *
 * @param unknown the first parameter that is neither, or null
 */
record Query(String limit, String cursor, String unknown) {

    static Query parse(String raw) {
        String limit = null;
        String cursor = null;
        String unknown = null;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (name) {
                case "limit" -> limit = limit == null ? value : limit;
                case "cursor" -> cursor = cursor == null ? value : cursor;
                default -> unknown = unknown == null ? name : unknown;
            }
        }
        return new Query(limit, cursor, unknown);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape stays as written, and then fails the value's own check
        }
    }
}
