package io.aigw.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Token generation and hashing shared by the control plane (which issues tokens) and gateways
 * (which check them). Tokens carry 256 random bits, so a single SHA-256 is a sound storage hash:
 * there is nothing to brute-force that a slow hash would protect.
 */
public final class Tokens {

    /**
     * No token, key or secret we issue or accept is longer: a longer one is refused before it is
     * hashed, so a huge header costs the server nothing.
     */
    public static final int MAX_LENGTH = 512;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final MessageDigest SHA256 = newSha256();
    /** Spare digests, one per slot, a slot per cache line: taken and put back by whichever thread's id picks it. */
    private static final int SPARE_SLOTS = 16;
    private static final int SLOT_STRIDE = 16;
    private static final AtomicReferenceArray<MessageDigest> SPARE =
            new AtomicReferenceArray<>(SPARE_SLOTS * SLOT_STRIDE);

    private Tokens() {
    }

    /** False for what cannot be a token of ours (null, empty, longer than {@link #MAX_LENGTH}): refuse it unhashed. */
    public static boolean isPlausible(String presented) {
        return presented != null && !presented.isEmpty() && presented.length() <= MAX_LENGTH;
    }

    /** A new random token with a recognisable prefix, e.g. {@code aigw_...}. */
    public static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lower-case hex SHA-256 of the token's UTF-8 bytes: the form stored and shipped in snapshots. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(digest(token));
    }

    /** The SHA-256 of the token's UTF-8 bytes, for constant-time comparison with a stored hash. */
    public static byte[] digest(String token) {
        return sha256(token);
    }

    /** Constant-time comparison of a presented token against a stored hash. */
    public static boolean matches(String token, String storedHash) {
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(token), expected);
    }

    private static byte[] sha256(String token) {
        // Digests are reused (digest() leaves one ready for the next input): a fresh one per request,
        // even cloned rather than looked up, allocated more than the rest of the token check.
        int slot = (int) (Thread.currentThread().threadId() % SPARE_SLOTS) * SLOT_STRIDE;
        MessageDigest digest = SPARE.getAndSet(slot, null);
        if (digest == null) {
            digest = newDigest();
        }
        byte[] hash = digest.digest(token.getBytes(StandardCharsets.UTF_8));
        SPARE.set(slot, digest); // a digest another thread left there meanwhile is simply dropped
        return hash;
    }

    private static MessageDigest newDigest() {
        try {
            // cloning a ready digest skips the provider lookup
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable", e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
