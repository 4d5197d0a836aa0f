package io.aigw.examples.mcp;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Seals and opens the aggregated endpoint's session ids: AES-GCM with the config's key, a fresh
 * random 96-bit nonce per id, and a fixed associated label, so an id is both secret (the upstream
 * session ids inside stay hidden from the client) and authenticated (changing one bit, or making one
 * up, fails to open). Any gateway process with the same key opens what another sealed: the gateway
 * keeps no session state at all. The id is base64url without padding: visible ASCII, as MCP requires.
 */
final class SessionSeal {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] LABEL = "aigw-mcp-session-v1".getBytes(StandardCharsets.US_ASCII);
    /** Session ids longer than this are not ours (20 upstreams with long ids stay well below). */
    static final int MAX_ID = 8192;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SessionSeal(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    String seal(byte[] plain) {
        return seal(plain, LABEL);
    }

    /** Seals {@code plain} for the purpose {@code label} names: what is sealed for one purpose never opens for another. */
    String seal(byte[] plain, byte[] label) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(label);
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The plain bytes, or empty when {@code id} was not sealed with this key (forged, altered, foreign). */
    Optional<byte[]> open(String id) {
        return open(id, LABEL);
    }

    /** {@link #open(String)} for what was sealed with {@code label}. */
    Optional<byte[]> open(String id, byte[] label) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length < NONCE + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE));
            cipher.updateAAD(label);
            return Optional.of(cipher.doFinal(raw, NONCE, raw.length - NONCE));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
