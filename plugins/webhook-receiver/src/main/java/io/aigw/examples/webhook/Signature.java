package io.aigw.examples.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The {@code X-Webhook-Signature} check: the header carries the HMAC-SHA256 of the raw request
 * body under the shared secret, hex-encoded (either case), optionally prefixed {@code sha256=} as
 * GitHub sends it. The comparison takes the same time wherever the bytes differ, so a caller
 * cannot find a valid signature byte by byte from response times.
 */
final class Signature {

    static final String HEADER = "X-Webhook-Signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";
    private static final int HEX_LENGTH = 64;

    private final SecretKeySpec key;

    Signature(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * Whether {@code values} (every {@code X-Webhook-Signature} header of the request) is exactly one
     * well-formed signature, and the right one for {@code body}.
     */
    boolean verify(List<String> values, byte[] body) {
        if (values.size() != 1) {
            return false;
        }
        byte[] presented = parse(values.getFirst());
        byte[] expected = mac(body);
        return presented != null && MessageDigest.isEqual(expected, presented);
    }

    /** The 32 bytes a header value names, or null when it is not 64 hex digits (after an optional prefix). */
    private static byte[] parse(String value) {
        String hex = value.strip();
        if (hex.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            hex = hex.substring(PREFIX.length());
        }
        if (hex.length() != HEX_LENGTH) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe: one per call, cheap next to the I/O
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
