package io.aigw.plugin.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Immutable HTTP headers: names are case-insensitive, every name may carry several values
 * (two {@code Set-Cookie} stay two), and insertion order is kept.
 */
public final class Headers implements Iterable<Headers.Header> {

    /** One header name (as first written) with all of its values. */
    public record Header(String name, List<String> values) {
        public Header {
            values = List.copyOf(values);
        }
    }

    private static final Headers EMPTY = new Headers(Map.of());

    private final Map<String, Header> byLowerName;

    private Headers(Map<String, Header> byLowerName) {
        this.byLowerName = byLowerName;
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
        Header header = byLowerName.get(key(name));
        return header == null ? null : header.values().getFirst();
    }

    public Optional<String> first(String name) {
        return Optional.ofNullable(get(name));
    }

    /** Every value of {@code name}, in order; empty when absent. */
    public List<String> all(String name) {
        Header header = byLowerName.get(key(name));
        return header == null ? List.of() : header.values();
    }

    public boolean contains(String name) {
        return byLowerName.containsKey(key(name));
    }

    /** Header names as first written. */
    public Set<String> names() {
        return byLowerName.values().stream().map(Header::name)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    public int size() {
        return byLowerName.size();
    }

    public boolean isEmpty() {
        return byLowerName.isEmpty();
    }

    public Map<String, List<String>> toMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        byLowerName.values().forEach(h -> map.put(h.name(), h.values()));
        return Collections.unmodifiableMap(map);
    }

    public Builder toBuilder() {
        Builder builder = builder();
        byLowerName.values().forEach(h -> h.values().forEach(v -> builder.add(h.name(), v)));
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
        return byLowerName.values().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && byLowerName.equals(other.byLowerName);
    }

    @Override
    public int hashCode() {
        return byLowerName.hashCode();
    }

    @Override
    public String toString() {
        return toMap().toString();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public static final class Builder {
        /** Lower-case name → the header so far (name as first written). */
        private LinkedHashMap<String, Header> entries = new LinkedHashMap<>();
        /** Values of names added more than once, gathered here and put into their header by {@link #build()}. */
        private Map<String, List<String>> repeated;
        /** {@link #entries} belongs to a built {@link Headers}: copied before it changes. */
        private boolean shared;

        private Builder() {
        }

        /** Adds a value, keeping any values already there. */
        public Builder add(String name, String value) {
            String key = key(name);
            Map<String, Header> map = writable();
            Header existing = map.get(key);
            if (existing == null) {
                map.put(key, new Header(name, List.of(value)));
            } else {
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
            writable().remove(key);
            if (repeated != null) {
                repeated.remove(key);
            }
            return this;
        }

        // The common case (each name once) hands its map over as it is: no second map, no copies.
        public Headers build() {
            if (entries.isEmpty()) {
                return EMPTY;
            }
            if (repeated != null && !repeated.isEmpty()) {
                Map<String, Header> map = writable();
                repeated.forEach((key, values) -> map.put(key, new Header(map.get(key).name(), values)));
                repeated.clear();
            }
            shared = true;
            return new Headers(Collections.unmodifiableMap(entries));
        }

        private Map<String, Header> writable() {
            if (shared) {
                entries = new LinkedHashMap<>(entries);
                shared = false;
            }
            return entries;
        }
    }
}
