package io.aigw.plugin.api;

import java.util.Optional;

/** See {@link PluginStore#unavailable}. */
record UnavailablePluginStore(String reason) implements PluginStore {

    @Override
    public Optional<byte[]> get(String key) {
        throw new StoreUnavailableException(reason);
    }

    @Override
    public void put(String key, byte[] value) {
        throw new StoreUnavailableException(reason);
    }

    @Override
    public boolean delete(String key) {
        throw new StoreUnavailableException(reason);
    }

    @Override
    public StorePage<String> keys(String prefix, String startAfter, int limit) {
        throw new StoreUnavailableException(reason);
    }

    @Override
    public StorePage<StoreEntry> entries(String prefix, String startAfter, int limit) {
        throw new StoreUnavailableException(reason);
    }
}
