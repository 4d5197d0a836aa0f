package io.aigw.studio.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The characters no string from a client may hold, wherever it sits in the document (field names
 * included): NUL, which PostgreSQL refuses in text and jsonb, and an unpaired UTF-16 surrogate
 * (U+D800 to U+DFFF escaped on its own), which is no character and would be stored as '?'. Which
 * other control characters a field allows is the field's business ({@code io.aigw.studio.http.Fields}).
 */
final class UntrustedStrings {

    private UntrustedStrings() {
    }

    static void check(JsonNode node) throws JsonInputException {
        check(node, "");
    }

    private static void check(JsonNode node, String path) throws JsonInputException {
        if (node.isTextual()) {
            String problem = problem(node.textValue());
            if (problem != null) {
                throw new JsonInputException("string contains " + problem + " at field '" + path + "'");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String problem = problem(e.getKey());
                if (problem != null) {
                    throw new JsonInputException("field name contains " + problem
                            + (path.isEmpty() ? "" : " inside '" + path + "'"));
                }
                check(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]");
            }
        }
    }

    /** What is wrong with {@code s}, or null when nothing is. */
    private static String problem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                return "a NUL character";
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a proper pair: one supplementary character
            } else if (Character.isSurrogate(c)) {
                return "an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c) + ")";
            }
        }
        return null;
    }
}
