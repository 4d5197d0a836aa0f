package io.aigw.plugin.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Immutable HTTP headers: names are case-insensitive, every name may carry several values
 * (two {@code Set-Cookie} stay two), and insertion order is kept.
 *
 * <p>Every request and every answer of every plugin goes through one of these, usually with a
 * handful of names: they sit in two arrays in order (lower-case name, header) and are found by a
 * scan; only past {@link #SCAN_LIMIT} names is an index kept, so a request with very many headers
 * costs no more than a map.
 */
public final class Headers implements Iterable<Headers.Header> {

    /** One header name (as first written) with all of its values. */
    public record Header(String name, List<String> values) {
        public Header {
            values = List.copyOf(values);
        }
    }

    /** Up to this many names a lookup scans; beyond, an index is built. */
    static final int SCAN_LIMIT = 16;

    private static final Headers EMPTY = new Headers(new String[0], new Header[0], 0, null);

    /** Lower-case names, in insertion order; only the first {@link #size} are used. */
    private final String[] keys;
    private final Header[] headers;
    private final int size;
    /** Lower-case name → position; null while a scan is as quick. */
    private final Map<String, Integer> index;

    private Headers(String[] keys, Header[] headers, int size, Map<String, Integer> index) {
        this.keys = keys;
        this.headers = headers;
        this.size = size;
        this.index = index;
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** {@code Headers.of("Content-Type", "text/plain", "Set-Cookie", "a=1", "Set-Cookie", "b=2")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name/value pairs");
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    public static Headers of(Map<String, ? extends List<String>> map) {
        Builder builder = builder();
        map.forEach((name, values) -> values.forEach(v -> builder.add(name, v)));
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first value of {@code name}, or null when absent. */
    public String get(String name) {
        Header header = find(name);
        return header == null ? null : header.values().getFirst();
    }

    public Optional<String> first(String name) {
        return Optional.ofNullable(get(name));
    }

    /** Every value of {@code name}, in order; empty when absent. */
    public List<String> all(String name) {
        Header header = find(name);
        return header == null ? List.of() : header.values();
    }

    public boolean contains(String name) {
        return find(name) != null;
    }

    /** Header names as first written. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            names.add(headers[i].name());
        }
        return names;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public Map<String, List<String>> toMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(headers[i].name(), headers[i].values());
        }
        return Collections.unmodifiableMap(map);
    }

    public Builder toBuilder() {
        Builder builder = builder();
        for (int i = 0; i < size; i++) {
            for (String value : headers[i].values()) {
                builder.add(headers[i].name(), value);
            }
        }
        return builder;
    }

    /** A copy without {@code name}. */
    public Headers without(String name) {
        if (!contains(name)) {
            return this;
        }
        return toBuilder().remove(name).build();
    }

    @Override
    public Iterator<Header> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Header next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return headers[next++];
            }
        };
    }

    /** The same names (ignoring case) with the same headers, in any order. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Headers other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            int j = other.position(keys[i]);
            if (j < 0 || !other.headers[j].equals(headers[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 0;
        for (int i = 0; i < size; i++) {
            hash += keys[i].hashCode() ^ headers[i].hashCode();
        }
        return hash;
    }

    @Override
    public String toString() {
        return toMap().toString();
    }

    private Header find(String name) {
        int i = position(key(name));
        return i < 0 ? null : headers[i];
    }

    private int position(String key) {
        return position(keys, size, index, key);
    }

    private static int position(String[] keys, int size, Map<String, Integer> index, String key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, Integer> indexOf(String[] keys, int size) {
        Map<String, Integer> index = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            index.put(keys[i], i);
        }
        return index;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public static final class Builder {
        private String[] keys = new String[8];
        private Header[] headers = new Header[8];
        private int size;
        private Map<String, Integer> index;
        /** Values of names added more than once, gathered here and put into their header by {@link #build()}. */
        private Map<String, List<String>> repeated;
        /** The arrays (and index) belong to a built {@link Headers}: copied before they change. */
        private boolean shared;

        private Builder() {
        }

        /** Adds a value, keeping any values already there. */
        public Builder add(String name, String value) {
            String key = key(name);
            int i = position(keys, size, index, key);
            if (i < 0) {
                Header header = new Header(name, List.of(value));
                writable();
                if (size == keys.length) {
                    keys = Arrays.copyOf(keys, size * 2);
                    headers = Arrays.copyOf(headers, size * 2);
                }
                keys[size] = key;
                headers[size] = header;
                size++;
                if (index != null) {
                    index.put(key, size - 1);
                } else if (size > SCAN_LIMIT) {
                    index = indexOf(keys, size);
                }
            } else {
                Header existing = headers[i];
                if (repeated == null) {
                    repeated = new HashMap<>();
                }
                repeated.computeIfAbsent(key, k -> new ArrayList<>(existing.values())).add(value);
            }
            return this;
        }

        /** Replaces all values of {@code name} with one. */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        public Builder remove(String name) {
            String key = key(name);
            int i = position(keys, size, index, key);
            if (i >= 0) {
                writable();
                System.arraycopy(keys, i + 1, keys, i, size - i - 1);
                System.arraycopy(headers, i + 1, headers, i, size - i - 1);
                size--;
                keys[size] = null;
                headers[size] = null;
                index = index == null || size <= SCAN_LIMIT ? null : indexOf(keys, size);
            }
            if (repeated != null) {
                repeated.remove(key);
            }
            return this;
        }

        // The common case (each name once) hands its arrays over as they are: no copies.
        public Headers build() {
            if (size == 0) {
                return EMPTY;
            }
            if (repeated != null && !repeated.isEmpty()) {
                writable();
                for (Map.Entry<String, List<String>> e : repeated.entrySet()) {
                    int i = position(keys, size, index, e.getKey());
                    headers[i] = new Header(headers[i].name(), e.getValue());
                }
                repeated.clear();
            }
            shared = true;
            return new Headers(keys, headers, size, index);
        }

        private void writable() {
            if (shared) {
                keys = Arrays.copyOf(keys, keys.length);
                headers = Arrays.copyOf(headers, headers.length);
                index = index == null ? null : new HashMap<>(index);
                shared = false;
            }
        }
    }
}
