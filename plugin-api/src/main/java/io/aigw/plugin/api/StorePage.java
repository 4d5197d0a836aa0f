package io.aigw.plugin.api;

import java.util.List;

/**
 * One page of a {@link PluginStore} listing.
 *
 * @param items in key order
 * @param next  where the next page starts (pass it as {@code startAfter}), or null when this page
 *              is the last
 */
public record StorePage<T>(List<T> items, String next) {

    public StorePage {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return next != null;
    }
}
