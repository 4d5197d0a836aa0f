package io.aigw.gateway.routing;

import io.aigw.loader.host.Generation;
import io.aigw.plugin.api.EndpointRegistration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin that owns one slug, and its endpoints: exact paths first, then wildcard paths
 * ({@code /*} or {@code /prefix/*}), longest prefix first.
 *
 * @param generation the generation serving, or null while the plugin is not available (→ 503)
 * @param exact      registrations of exact paths, by path and then method (no key is built per request)
 */
public record SlugBinding(String slug, long pluginId, String pluginName, Generation generation,
                          Map<String, Map<String, EndpointRegistration>> exact, List<Wildcard> wildcards) {

    /** Registrations under one wildcard prefix ({@code /} for {@code /*}), keyed by method. */
    public record Wildcard(String prefix, Map<String, EndpointRegistration> byMethod) {
    }

    public static SlugBinding unavailable(String slug, long pluginId, String pluginName) {
        return new SlugBinding(slug, pluginId, pluginName, null, Map.of(), List.of());
    }

    /** Binds valid registrations; returns the problems with invalid ones in {@code problems}. */
    public static SlugBinding of(String slug, long pluginId, String pluginName, Generation generation,
                                 List<String> problems) {
        Map<String, Map<String, EndpointRegistration>> exact = new HashMap<>();
        Map<String, Map<String, EndpointRegistration>> wildcards = new HashMap<>();
        for (EndpointRegistration r : generation.registrations()) {
            String path = r.path();
            if (!path.startsWith("/")) {
                problems.add("endpoint path '" + path + "' must start with '/'");
                continue;
            }
            for (String method : r.methods()) {
                if (!EndpointRegistration.VALID_METHODS.contains(method)) {
                    problems.add("endpoint " + path + ": method '" + method + "' is not one of "
                            + EndpointRegistration.VALID_METHODS);
                    continue;
                }
                if (path.endsWith("/*")) {
                    String prefix = path.substring(0, path.length() - 1);
                    wildcards.computeIfAbsent(prefix, p -> new HashMap<>()).putIfAbsent(method, r);
                } else {
                    exact.computeIfAbsent(path, p -> new HashMap<>()).putIfAbsent(method, r);
                }
            }
        }
        List<Wildcard> ordered = new ArrayList<>();
        wildcards.forEach((prefix, byMethod) -> ordered.add(new Wildcard(prefix, Map.copyOf(byMethod))));
        ordered.sort(Comparator.comparingInt((Wildcard w) -> w.prefix().length()).reversed());
        Map<String, Map<String, EndpointRegistration>> exactCopy = new HashMap<>();
        exact.forEach((path, byMethod) -> exactCopy.put(path, Map.copyOf(byMethod)));
        return new SlugBinding(slug, pluginId, pluginName, generation, Map.copyOf(exactCopy), List.copyOf(ordered));
    }

    public boolean available() {
        return generation != null;
    }

    public Optional<EndpointRegistration> match(String method, String relativePath) {
        Map<String, EndpointRegistration> byMethod = exact.get(relativePath);
        EndpointRegistration hit = byMethod == null ? null : byMethod.get(method);
        if (hit != null) {
            return Optional.of(hit);
        }
        for (Wildcard w : wildcards) {
            if (relativePath.startsWith(w.prefix()) || (relativePath + "/").equals(w.prefix())) {
                EndpointRegistration r = w.byMethod().get(method);
                if (r != null) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    /** Human-readable routes, e.g. {@code GET /plugins/echo/*}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        exact.forEach((path, byMethod) -> byMethod.keySet().forEach(m ->
                lines.add(m + " " + PluginPath.PREFIX + slug + path)));
        wildcards.forEach(w -> w.byMethod().keySet().forEach(m ->
                lines.add(m + " " + PluginPath.PREFIX + slug + w.prefix() + "*")));
        lines.sort(null);
        return lines;
    }
}
