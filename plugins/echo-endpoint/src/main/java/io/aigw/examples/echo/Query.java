package io.aigw.examples.echo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed query string: repeated keys keep every value. */
final class Query {

    private final Map<String, List<String>> params = new LinkedHashMap<>();

    Query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }

    boolean has(String key) {
        return params.containsKey(key);
    }

    List<String> all(String key) {
        return params.getOrDefault(key, List.of());
    }

    int intValue(String key, int fallback) {
        List<String> values = all(key);
        if (values.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(values.getFirst());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
