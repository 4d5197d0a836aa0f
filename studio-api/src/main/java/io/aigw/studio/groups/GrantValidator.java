package io.aigw.studio.groups;

import io.aigw.plugin.api.ResourceInstance;
import io.aigw.studio.db.Ids;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.resources.Instances;
import io.aigw.studio.resources.ResourceType;
import io.aigw.studio.resources.TypeRepository;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a group's new plugin resource grants before they are written: every plugin must exist,
 * every type must be registered and active, and every instance id must be one its plugin lists.
 * What the group already holds needs no new check: a grant sent back unchanged or narrowed is kept
 * even while its type is inactive or its provider down (so an admin can still edit the group's
 * other grants then); only what a request adds is checked, with the provider asked for those types
 * only. Refusals are 400s naming every offending plugin, type and id; a provider that cannot
 * answer is a 503 naming it, and nothing is written.
 */
final class GrantValidator {

    private static final int SHOWN_IDS = 20;

    private final TypeRepository types = new TypeRepository();
    private final Instances instances;

    GrantValidator(Instances instances) {
        this.instances = instances;
    }

    /**
     * The database half: which grants add something, with their types. Runs before any plugin is
     * asked, so a request naming an unknown plugin or type never reaches one.
     */
    List<Addition> additions(Handle h, List<PluginResourceGrant> requested, List<PluginResourceGrant> stored) {
        List<Long> missing = Ids.missing(h, "plugins",
                requested.stream().map(PluginResourceGrant::pluginId).distinct().toList());
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("'resources': no plugin with id " + join(missing));
        }
        Map<String, PluginResourceGrant> before = new HashMap<>();
        stored.forEach(g -> before.put(key(g), g));
        List<Addition> additions = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (PluginResourceGrant grant : requested) {
            PluginResourceGrant old = before.get(key(grant));
            Set<String> added = new LinkedHashSet<>(grant.instanceIds());
            if (old != null) {
                old.instanceIds().forEach(added::remove);
                if (added.isEmpty()) {
                    continue; // kept or narrowed: nothing new to check
                }
            }
            Optional<ResourceType> type = types.find(h, grant.pluginId(), grant.resourceTypeSlug());
            if (type.isEmpty()) {
                unusable.add("plugin " + grant.pluginId() + " has no resource type '" + grant.resourceTypeSlug() + "'");
            } else if (!type.get().isActive()) {
                unusable.add("resource type " + type.get().describe() + " is inactive");
            } else if (!added.isEmpty()) {
                additions.add(new Addition(type.get(), List.copyOf(added)));
            }
        }
        if (!unusable.isEmpty()) {
            throw ApiException.badRequest("'resources': " + String.join("; ", unusable));
        }
        return additions;
    }

    /** The plugin half: asks each type's provider for its instances (bounded; 503 when it cannot answer). */
    void checkInstances(List<Addition> additions) {
        List<String> unknown = new ArrayList<>();
        for (Addition a : additions) {
            Set<String> listed = new LinkedHashSet<>();
            for (ResourceInstance i : instances.list(a.type())) {
                listed.add(i.id());
            }
            List<String> notListed = a.instanceIds().stream().filter(id -> !listed.contains(id)).toList();
            if (!notListed.isEmpty()) {
                unknown.add("resource type " + a.type().describe() + " has no instance " + quoted(notListed));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("'resources': " + String.join("; ", unknown));
        }
    }

    private static String key(PluginResourceGrant g) {
        return g.pluginId() + "/" + g.resourceTypeSlug();
    }

    private static String join(List<Long> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).toList());
    }

    /** The ids as a message lists them: the first {@value #SHOWN_IDS}, then how many more. */
    private static String quoted(List<String> ids) {
        String shown = String.join(", ", ids.stream().limit(SHOWN_IDS).map(id -> "'" + id + "'").toList());
        return ids.size() <= SHOWN_IDS ? shown : shown + " and " + (ids.size() - SHOWN_IDS) + " more";
    }

    /** Instance ids a grant adds to what the group held, and the type they must belong to. */
    record Addition(ResourceType type, List<String> instanceIds) {
    }
}
