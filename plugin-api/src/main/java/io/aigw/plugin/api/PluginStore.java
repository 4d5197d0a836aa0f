package io.aigw.plugin.api;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A durable key-value store of the plugin's own, kept by the host (on the control plane, in its
 * PostgreSQL). Every plugin sees only its own keys; a plugin's keys go when the plugin's
 * registration is deleted, and survive reloads, restarts and control-plane restarts.
 *
 * <p>Keys are non-empty strings of at most {@link StoreLimits#MAX_KEY_BYTES} UTF-8 bytes without
 * control characters; values are bytes, at most {@link StoreLimits#MAX_VALUE_BYTES}. Listing is in
 * the byte order of the keys' UTF-8 encoding, one bounded page at a time. Calls block (in-process:
 * a database round trip, on an edge an HTTP call to the control plane; external plugins: a gRPC
 * call to the host with a deadline) and fail with a
 * {@link PluginStoreException}: {@link InvalidStoreKeyException}, {@link StoreLimitExceededException}
 * or {@link StoreUnavailableException} (e.g. on an edge gateway that cannot reach its control plane).
 */
public interface PluginStore {

    /** Why a host that offers no storage at all fails every store call. */
    String NO_STORAGE_REASON = "this host offers no plugin storage";

    /** The value stored under {@code key}, or empty when there is none. */
    Optional<byte[]> get(String key);

    /** Stores {@code value} under {@code key}, replacing what was there. */
    void put(String key, byte[] value);

    /** Removes {@code key}; true when it was there. */
    boolean delete(String key);

    /**
     * One page of the keys starting with {@code prefix} ({@code ""}: all), in order.
     *
     * @param startAfter null for the first page, else the previous page's {@link StorePage#next()}
     * @param limit      how many keys at most; more than {@link StoreLimits#MAX_PAGE_SIZE} is read
     *                   as that
     */
    StorePage<String> keys(String prefix, String startAfter, int limit);

    /**
     * Like {@link #keys}, with the values. A page also ends before its values would pass
     * {@link StoreLimits#MAX_PAGE_BYTES} (it always holds at least one entry), so it may hold fewer
     * than {@code limit} entries while more follow: go on while {@link StorePage#hasMore()}.
     */
    StorePage<StoreEntry> entries(String prefix, String startAfter, int limit);

    /** {@link #get} for text stored with {@link #putString}. */
    default Optional<String> getString(String key) {
        return get(key).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** {@link #put} of {@code value}'s UTF-8 bytes. */
    default void putString(String key, String value) {
        put(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A store whose every call throws {@link StoreUnavailableException} with {@code reason}: what a
     * host without storage hands its plugins.
     */
    static PluginStore unavailable(String reason) {
        return new UnavailablePluginStore(reason);
    }

    /** The store of a host that offers no storage: every call says so. */
    static PluginStore none() {
        return unavailable(NO_STORAGE_REASON);
    }
}
