package io.aigw.studio.web;

import io.aigw.studio.http.ApiException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A file path below a root (the UI's files, a plugin's assets), taken from the raw request path so
 * no decoding step can smuggle a separator past the check. Refused with 400: empty or absolute
 * paths, empty, {@code .} or {@code ..} segments (plain or percent-encoded), backslashes, encoded
 * slashes, control characters, and any character outside a plain file-name set.
 */
public final class AssetPath {

    public static final int MAX_LENGTH = 1024;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~@+=,!-]{1,255}");

    private AssetPath() {
    }

    /**
     * The relative path {@code raw} (as sent, percent-encoding included) names, segments joined by
     * {@code /}.
     */
    public static String parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw refused("the path is empty");
        }
        if (raw.length() > MAX_LENGTH) {
            throw refused("the path is longer than " + MAX_LENGTH + " characters");
        }
        if (raw.startsWith("/")) {
            throw refused("the path is absolute");
        }
        List<String> segments = new ArrayList<>();
        for (String rawSegment : raw.split("/", -1)) {
            String segment = decode(rawSegment);
            if (segment.isEmpty()) {
                throw refused("the path has an empty segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw refused("the path has a '" + segment + "' segment");
            }
            if (segment.indexOf('/') >= 0 || segment.indexOf('\\') >= 0) {
                throw refused("the path has an encoded separator or a backslash");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                throw refused("the path has a character outside letters, digits and ._~@+=,!-");
            }
            segments.add(segment);
        }
        return String.join("/", segments);
    }

    /** Strict percent-decoding into UTF-8; a malformed escape or byte sequence is refused. */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                if (c > 0x7f) {
                    throw refused("the path has a character outside letters, digits and ._~@+=,!-");
                }
                bytes.write(c);
                continue;
            }
            if (i + 2 >= segment.length()) {
                throw refused("the path has a malformed percent-escape");
            }
            int hi = Character.digit(segment.charAt(i + 1), 16);
            int lo = Character.digit(segment.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                throw refused("the path has a malformed percent-escape");
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw refused("the path is not UTF-8");
        }
    }

    private static ApiException refused(String why) {
        return ApiException.badRequest("invalid asset path: " + why + " (paths must stay inside their root: no "
                + "'..', no absolute paths, no backslashes or encoded separators)");
    }
}
