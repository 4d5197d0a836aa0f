package io.aigw.gateway.config;

import java.util.List;

/**
 * What changed in the served configuration between two versions: every plugin, App and
 * credential changed after {@code from} up to and including {@code to}, each as it is at
 * {@code to}, or named as removed. Entities are whole (an App is re-sent with all its fields and
 * links, not as a diff), so a gateway holding any version from {@code from} up to {@code to} gets
 * exactly version {@code to} by applying it; it applies as one step, never half.
 *
 * <p>An App's credentials travel on their own ({@link AppCredential}): a new token costs one
 * credential, not its App. The {@code apps} here carry no credentials.
 */
public record ConfigDelta(long from, long to, List<PluginConfig> plugins, List<Long> removedPlugins,
                          List<AppConfig> apps, List<Long> removedApps, List<AppCredential> credentials,
                          List<Long> removedCredentials) {

    public ConfigDelta {
        if (to <= from) {
            throw new IllegalArgumentException("a delta goes forward: from " + from + " to " + to);
        }
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
        removedPlugins = removedPlugins == null ? List.of() : List.copyOf(removedPlugins);
        apps = apps == null ? List.of() : List.copyOf(apps);
        removedApps = removedApps == null ? List.of() : List.copyOf(removedApps);
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
        removedCredentials = removedCredentials == null ? List.of() : List.copyOf(removedCredentials);
    }

    /** True when a plugin was added, changed or removed (the plugin host has work to do). */
    public boolean changesPlugins() {
        return !plugins.isEmpty() || !removedPlugins.isEmpty();
    }

    /** How many entities it names. */
    public int size() {
        return plugins.size() + removedPlugins.size() + apps.size() + removedApps.size() + credentials.size()
                + removedCredentials.size();
    }
}
