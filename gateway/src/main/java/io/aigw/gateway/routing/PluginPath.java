package io.aigw.gateway.routing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A request path under {@code /plugins/}, split into the slug and the plugin-relative part.
 * Parsed from the raw (still percent-encoded) path so that an encoded {@code /} stays inside its
 * segment and an encoded {@code ..} is caught like a plain one.
 *
 * <p>Refused with 400, since a plugin (or what it passes the path to) may decode or split again:
 * a {@code .} or {@code ..} segment after decoding, also one between encoded separators
 * ({@code a%2F..%2Fb}, {@code ..%5C}); an escape that decodes to another escape of {@code . / \ %}
 * (double encoding); bytes that are not UTF-8 (overlong forms such as {@code %C0%AE}); control
 * characters (NUL, CR, LF, ...).
 *
 * @param relativePath decoded path below the slug, always starting with {@code /}
 * @param segments     decoded non-empty segments of the relative path
 */
public record PluginPath(String slug, String relativePath, List<String> segments) {

    public static final String PREFIX = "/plugins/";
    /** What an escape decodes to when it was encoded twice: {@code %2e %2f %5c %25} (. / \ %). */
    private static final Pattern DOUBLE_ENCODED = Pattern.compile("%(2[eEfF5]|5[cC])");

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
        if (rawPath.indexOf('%', PREFIX.length()) < 0 && rawPath.indexOf('\\', PREFIX.length()) < 0) {
            return plain(rawPath);
        }
        String rest = rawPath.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String rawSlug = slash < 0 ? rest : rest.substring(0, slash);
        String rawRelative = slash < 0 ? "/" : rest.substring(slash);
        String slug = decode(rawSlug);
        if (slug.isEmpty()) {
            throw new InvalidPathException(404, "no plugin slug in path; use /plugins/{slug}/...");
        }
        if (hasDotSegment(slug)) {
            throw new InvalidPathException(400, "path traversal ('..') is not allowed");
        }
        List<String> segments = new ArrayList<>();
        StringBuilder relative = new StringBuilder();
        for (String rawSegment : rawRelative.split("/", -1)) {
            String segment = decode(rawSegment);
            if (hasDotSegment(segment)) {
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

    /**
     * A path with nothing encoded and no backslash (the common case): it is its own decoded form,
     * its slug and segments are its parts between slashes, and it is read in one pass.
     */
    private static PluginPath plain(String rawPath) throws InvalidPathException {
        int from = PREFIX.length();
        int slash = rawPath.indexOf('/', from);
        String slug = slash < 0 ? rawPath.substring(from) : rawPath.substring(from, slash);
        if (slug.isEmpty()) {
            throw new InvalidPathException(404, "no plugin slug in path; use /plugins/{slug}/...");
        }
        String relative = slash < 0 ? "/" : rawPath.substring(slash);
        if (isDots(slug, 0, slug.length())) {
            throw new InvalidPathException(400, "path traversal ('..') is not allowed");
        }
        // most paths have one or two segments: no list to grow and copy for those
        String first = null;
        String second = null;
        List<String> more = null;
        int start = 1;
        for (int i = 1; i <= relative.length(); i++) {
            if (i == relative.length() || relative.charAt(i) == '/') {
                if (i > start) {
                    if (isDots(relative, start, i)) {
                        throw new InvalidPathException(400, "path traversal ('..') is not allowed");
                    }
                    String segment = relative.substring(start, i);
                    if (first == null) {
                        first = segment;
                    } else if (second == null) {
                        second = segment;
                    } else {
                        if (more == null) {
                            more = new ArrayList<>();
                            more.add(first);
                            more.add(second);
                        }
                        more.add(segment);
                    }
                }
                start = i + 1;
            }
        }
        List<String> segments = more != null ? List.copyOf(more)
                : second != null ? List.of(first, second) : first != null ? List.of(first) : List.of();
        return new PluginPath(slug, relative, segments);
    }

    /** {@code s[start, end)} is {@code .} or {@code ..}. */
    private static boolean isDots(String s, int start, int end) {
        int length = end - start;
        return (length == 1 || length == 2) && s.charAt(start) == '.' && (length == 1 || s.charAt(start + 1) == '.');
    }

    /** The segment, or a part of it between decoded separators ({@code /} or {@code \}), is {@code .} or {@code ..}. */
    private static boolean hasDotSegment(String segment) {
        // scanned by hand: a regex split here compiled a pattern for every segment of every request
        int start = 0;
        for (int i = 0; i <= segment.length(); i++) {
            if (i == segment.length() || segment.charAt(i) == '/' || segment.charAt(i) == '\\') {
                int length = i - start;
                if ((length == 1 || length == 2) && segment.charAt(start) == '.'
                        && (length == 1 || segment.charAt(start + 1) == '.')) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /** Strict percent-decoding: {@code +} stays {@code +}; a malformed escape or invalid UTF-8 is an error. */
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
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidPathException(400, "path is not valid UTF-8 once percent-decoded");
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidPathException(400, "control character in path");
            }
        }
        if (DOUBLE_ENCODED.matcher(decoded).find()) {
            throw new InvalidPathException(400, "double percent-encoding in path");
        }
        return decoded;
    }
}
