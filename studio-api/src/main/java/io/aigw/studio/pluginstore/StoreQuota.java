package io.aigw.studio.pluginstore;

/**
 * How much one plugin may keep in its store, so a runaway plugin cannot fill the control plane's
 * database.
 *
 * @param maxKeys  keys per plugin
 * @param maxBytes keys plus values per plugin, in bytes
 */
public record StoreQuota(long maxKeys, long maxBytes) {

    public static final StoreQuota DEFAULT = new StoreQuota(100_000, 256L << 20);

    public StoreQuota {
        if (maxKeys < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a store quota must allow something: " + maxKeys + " keys, "
                    + maxBytes + " bytes");
        }
    }
}
