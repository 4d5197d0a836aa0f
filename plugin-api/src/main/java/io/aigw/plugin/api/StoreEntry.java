package io.aigw.plugin.api;

import java.util.Arrays;
import java.util.Objects;

/** One key of a {@link PluginStore} with its value. */
public record StoreEntry(String key, byte[] value) {

    public StoreEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    // by content: two entries with equal bytes are the same entry
    @Override
    public boolean equals(Object o) {
        return o instanceof StoreEntry e && key.equals(e.key) && Arrays.equals(value, e.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "StoreEntry[" + key + ", " + value.length + " bytes]";
    }
}
