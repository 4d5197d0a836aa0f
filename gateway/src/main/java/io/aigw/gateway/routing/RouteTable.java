package io.aigw.gateway.routing;

import io.aigw.loader.host.PluginEntry;
import io.aigw.loader.host.PluginState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which plugin serves which slug, rebuilt whenever a plugin loads, reloads or unloads, and swapped
 * in whole: a request sees one consistent table from start to end.
 *
 * @param problems per plugin id, why (some of) its endpoints are not served
 */
public record RouteTable(Map<String, SlugBinding> bySlug, Map<Long, List<String>> problems) {

    public static final RouteTable EMPTY = new RouteTable(Map.of(), Map.of());

    public SlugBinding binding(String slug) {
        return bySlug.get(slug);
    }

    public List<String> problems(long pluginId) {
        return problems.getOrDefault(pluginId, List.of());
    }

    /**
     * Builds the table. When two plugins claim one slug, the one registered first (lower id) keeps
     * it and the other is refused with an error naming the owner: never last-writer-wins.
     */
    public static RouteTable build(List<PluginEntry> entries) {
        Map<String, SlugBinding> bySlug = new HashMap<>();
        Map<Long, List<String>> problems = new HashMap<>();
        List<PluginEntry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparingLong(e -> e.spec().id()));
        for (PluginEntry entry : ordered) {
            long id = entry.spec().id();
            List<String> notes = new ArrayList<>();
            String slug = PluginSlug.of(entry.spec().config());
            boolean serving = entry.serving() != null && entry.status().state() == PluginState.RUNNING;
            if (slug == null || slug.isBlank()) {
                if (serving && !entry.serving().registrations().isEmpty()) {
                    notes.add("Plugin has endpoint registrations but no 'slug' in config");
                }
            } else if (!PluginSlug.isValid(slug)) {
                notes.add("slug '" + slug + "' is invalid: use " + PluginSlug.RULE);
            } else if (bySlug.containsKey(slug)) {
                SlugBinding owner = bySlug.get(slug);
                notes.add("slug '" + slug + "' is already served by plugin '" + owner.pluginName()
                        + "' (id " + owner.pluginId() + ")");
            } else {
                bySlug.put(slug, serving
                        ? SlugBinding.of(slug, id, entry.spec().name(), entry.serving(), notes)
                        : SlugBinding.unavailable(slug, id, entry.spec().name()));
            }
            if (!notes.isEmpty()) {
                problems.put(id, List.copyOf(notes));
            }
        }
        return new RouteTable(Map.copyOf(bySlug), Map.copyOf(problems));
    }
}
