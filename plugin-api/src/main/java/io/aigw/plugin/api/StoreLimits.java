package io.aigw.plugin.api;

import java.util.Objects;

/**
 * The rules every {@link PluginStore} enforces, the same for every host and transport (an external
 * plugin's runtime checks them before calling, and the host again). Plugins may call the checks
 * themselves to validate keys they build from user input.
 */
public final class StoreLimits {

    /** The longest key (and listing prefix), in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 256;
    /** The largest value: 1 MiB. */
    public static final int MAX_VALUE_BYTES = 1 << 20;
    /** The most entries one listing page holds. */
    public static final int MAX_PAGE_SIZE = 1000;
    /** A page's size when a caller over the wire asks for none (limit 0). */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** A page of entries ends before its values pass this many bytes (4 MiB); it always holds one. */
    public static final int MAX_PAGE_BYTES = 4 << 20;

    private StoreLimits() {
    }

    /**
     * A valid key: not empty, at most {@link #MAX_KEY_BYTES} bytes in UTF-8, no control characters
     * (U+0000–U+001F, U+007F–U+009F) and no unpaired surrogates.
     *
     * @return {@code key}
     * @throws InvalidStoreKeyException naming the rule broken
     */
    public static String checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidStoreKeyException("a store key must not be empty");
        }
        return checkText("key", key);
    }

    /** A listing prefix: like a key, but may be empty; null means empty. */
    public static String checkPrefix(String prefix) {
        return prefix == null || prefix.isEmpty() ? "" : checkText("prefix", prefix);
    }

    /**
     * A storable value: not null, at most {@link #MAX_VALUE_BYTES}.
     *
     * @throws StoreLimitExceededException when larger
     */
    public static byte[] checkValue(String key, byte[] value) {
        Objects.requireNonNull(value, "value");
        if (value.length > MAX_VALUE_BYTES) {
            throw new StoreLimitExceededException("the value for key '" + key + "' is " + value.length
                    + " bytes; a store value may be at most " + MAX_VALUE_BYTES + " bytes");
        }
        return value;
    }

    /**
     * The page size to use for {@code limit}: at most {@link #MAX_PAGE_SIZE}.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1
     */
    public static int pageSize(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least 1 entry, asked for " + limit);
        }
        return Math.min(limit, MAX_PAGE_SIZE);
    }

    /** How many bytes {@code s} takes in UTF-8. */
    public static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            i += Character.charCount(cp);
        }
        return bytes;
    }

    private static String checkText(String what, String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isISOControl(cp)) {
                // the key itself is not quoted: it holds the very character a log would mangle
                throw new InvalidStoreKeyException(String.format("a store %s must not contain control characters "
                        + "(U+%04X at index %d)", what, cp, i));
            }
            if (Character.isSurrogate((char) cp) && Character.charCount(cp) == 1) {
                throw new InvalidStoreKeyException(String.format("a store %s must be valid Unicode "
                        + "(unpaired surrogate U+%04X at index %d)", what, cp, i));
            }
            i += Character.charCount(cp);
        }
        int bytes = utf8Length(text);
        if (bytes > MAX_KEY_BYTES) {
            throw new InvalidStoreKeyException("a store " + what + " may be at most " + MAX_KEY_BYTES
                    + " bytes in UTF-8; this one is " + bytes + " bytes");
        }
        return text;
    }
}
