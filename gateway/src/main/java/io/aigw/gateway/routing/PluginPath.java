package io.aigw.gateway.routing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request path under {@code /plugins/}, split into the slug and the plugin-relative part.
 * Parsed from the raw (still percent-encoded) path so that an encoded {@code /} stays inside its
 * segment and an encoded {@code ..} is caught like a plain one.
 *
 * @param relativePath decoded path below the slug, always starting with {@code /}
 * @param segments     decoded non-empty segments of the relative path
 */
public record PluginPath(String slug, String relativePath, List<String> segments) {

    public static final String PREFIX = "/plugins/";

    /** Rejected paths: traversal, undecodable escapes, no slug. */
    public static final class InvalidPathException extends Exception {
        private final int status;

        InvalidPathException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public String fullPath() {
        return PREFIX + slug + relativePath;
    }

    public static PluginPath parse(String rawPath) throws InvalidPathException {
        if (!rawPath.startsWith(PREFIX)) {
            throw new InvalidPathException(404, "no plugin slug in path; use /plugins/{slug}/...");
        }
        String rest = rawPath.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String rawSlug = slash < 0 ? rest : rest.substring(0, slash);
        String rawRelative = slash < 0 ? "/" : rest.substring(slash);
        String slug = decode(rawSlug);
        if (slug.isEmpty()) {
            throw new InvalidPathException(404, "no plugin slug in path; use /plugins/{slug}/...");
        }
        if (isDotSegment(slug)) {
            throw new InvalidPathException(400, "path traversal ('..') is not allowed");
        }
        List<String> segments = new ArrayList<>();
        StringBuilder relative = new StringBuilder();
        for (String rawSegment : rawRelative.split("/", -1)) {
            String segment = decode(rawSegment);
            if (isDotSegment(segment)) {
                throw new InvalidPathException(400, "path traversal ('..') is not allowed");
            }
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
            relative.append('/').append(segment);
        }
        // split("/", -1) of "/a/b" yields "", "a", "b": drop the duplicated leading slash
        String relativePath = relative.length() > 1 ? relative.substring(1) : "/";
        return new PluginPath(slug, relativePath, List.copyOf(segments));
    }

    private static boolean isDotSegment(String segment) {
        return segment.equals("..") || segment.equals(".");
    }

    /** Strict percent-decoding: {@code +} stays {@code +}, a malformed escape is an error. */
    private static String decode(String raw) throws InvalidPathException {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new InvalidPathException(400, "malformed percent-encoding in path");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new InvalidPathException(400, "malformed percent-encoding in path");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        String decoded = out.toString(StandardCharsets.UTF_8);
        if (decoded.indexOf('\0') >= 0) {
            throw new InvalidPathException(400, "NUL byte in path");
        }
        return decoded;
    }
}
