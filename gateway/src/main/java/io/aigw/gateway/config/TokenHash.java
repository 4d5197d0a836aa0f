package io.aigw.gateway.config;

import java.util.HexFormat;

/**
 * A credential's SHA-256 token hash as four longs: the token index's key. Half the memory of the
 * 64-character hex string, and hashed and compared without allocation. Equality looks at every
 * bit whatever the first difference (no early exit), like {@code MessageDigest.isEqual}.
 */
public final class TokenHash {

    private final long a;
    private final long b;
    private final long c;
    private final long d;

    private TokenHash(long a, long b, long c, long d) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
    }

    /** The hash of a 32-byte SHA-256 digest. */
    public static TokenHash of(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + digest.length);
        }
        return new TokenHash(longAt(digest, 0), longAt(digest, 8), longAt(digest, 16), longAt(digest, 24));
    }

    /** The hash in its stored form (64 hex digits, either case), or null when it is not one. */
    public static TokenHash parse(String hex) {
        if (hex == null || hex.length() != 64) {
            return null;
        }
        try {
            return of(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Lower-case hex, the stored and wire form. */
    public String hex() {
        HexFormat f = HexFormat.of();
        return f.toHexDigits(a) + f.toHexDigits(b) + f.toHexDigits(c) + f.toHexDigits(d);
    }

    private static long longAt(byte[] bytes, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[offset + i] & 0xFF);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenHash t && ((a ^ t.a) | (b ^ t.b) | (c ^ t.c) | (d ^ t.d)) == 0;
    }

    @Override
    public int hashCode() {
        return (int) (a ^ (a >>> 32));
    }

    @Override
    public String toString() {
        return "TokenHash[" + hex().substring(0, 8) + "…]";
    }
}
