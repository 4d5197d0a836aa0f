package io.aigw.gateway.auth;

import io.aigw.gateway.config.AppConfig;
import io.aigw.gateway.config.CredentialConfig;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens the gateway accepts, by hash, built from a config snapshot and replaced in whole when a
 * new snapshot arrives, so a revoked credential or deactivated App stops working at once.
 */
public final class CredentialIndex {

    public static final CredentialIndex EMPTY = new CredentialIndex(Map.of(), Clock.systemUTC());

    private record Entry(byte[] hash, Principal principal, Instant expiresAt) {
    }

    /** By the SHA-256 bytes themselves (a buffer compares by content): no hex string per request. */
    private final Map<ByteBuffer, Entry> byHash;
    private final Clock clock;

    private CredentialIndex(Map<ByteBuffer, Entry> byHash, Clock clock) {
        this.byHash = byHash;
        this.clock = clock;
    }

    /** Only active credentials of active Apps make it into the index. */
    public static CredentialIndex of(List<AppConfig> apps, Clock clock) {
        Map<ByteBuffer, Entry> byHash = new HashMap<>();
        for (AppConfig appConfig : apps) {
            if (!appConfig.app().isActive()) {
                continue;
            }
            for (CredentialConfig c : appConfig.credentials()) {
                if (c.isActive() && c.tokenHash() != null && c.tokenHash().length() == 64) {
                    byte[] hash = HexFormat.of().parseHex(c.tokenHash());
                    byHash.put(ByteBuffer.wrap(hash), new Entry(hash, new Principal(appConfig.app(), c.scopes()),
                            c.expiresAt()));
                }
            }
        }
        return new CredentialIndex(Map.copyOf(byHash), clock);
    }

    public Optional<Principal> authenticate(String token) {
        if (!Tokens.isPlausible(token)) {
            return Optional.empty();
        }
        byte[] digest = Tokens.digest(token);
        Entry entry = byHash.get(ByteBuffer.wrap(digest));
        // The map lookup is keyed by a hash the caller cannot steer; the final equality check is
        // constant-time all the same.
        if (entry == null || !MessageDigest.isEqual(entry.hash(), digest)) {
            return Optional.empty();
        }
        if (entry.expiresAt() != null && !clock.instant().isBefore(entry.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(entry.principal());
    }

    public int size() {
        return byHash.size();
    }
}
