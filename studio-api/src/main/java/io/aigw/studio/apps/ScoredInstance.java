package io.aigw.studio.apps;

/**
 * A plugin resource instance the privacy rule applies to: one of a type with privacy scores
 * ({@code has_privacy_score}), with the score from the copy of its details.
 */
public record ScoredInstance(long pluginId, String resourceTypeSlug, String id, String name, int privacyScore) {

    /** "plugin resource 'high' ('HR server', type 'mcp_servers' of plugin 3)", for messages. */
    String describe() {
        return "plugin resource '" + id + "' ('" + name + "', "
                + PluginResourceSelection.describeType(pluginId, resourceTypeSlug) + ")";
    }
}
