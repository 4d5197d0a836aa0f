package io.aigw.studio.apps;

import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.studio.apps.PluginResourceAccess.TypeState;
import io.aigw.studio.auth.Caller;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.resources.ProviderCalls;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks an App's {@code plugin_resources} selection passes before it is stored, in this
 * order: each type is registered and active; a non-admin selects only instances their groups
 * grant (admins bypass; instances the App already holds stay as they are); each instance is read
 * from its provider ({@code getResourceInstance}: unknown → 400, newly added and inactive → 400,
 * provider down or slow → 503); then (the caller's part) the privacy rule; then each provider
 * validates its selection for the App ({@code validateResourceSelection}; rejected → 400 with its
 * message). Types without a selected instance are a removal: nothing is asked of their plugin, so
 * an App can drop the resources of a plugin that is gone.
 */
final class AppPluginResources {

    private final ProviderCalls providers;

    AppPluginResources(ProviderCalls providers) {
        this.providers = providers;
    }

    /** The selections that select something. */
    static List<PluginResourceSelection> selecting(List<PluginResourceSelection> selections) {
        return selections.stream().filter(s -> !s.instanceIds().isEmpty()).toList();
    }

    /**
     * Types registered and active, and (for non-admins) the instances not in {@code current}
     * granted: database reads only, so it runs again inside the write transaction.
     *
     * @return the registered types of the selections' plugins
     */
    Map<String, TypeState> checkAccess(Handle h, Caller caller, List<PluginResourceSelection> wanted,
                                       List<PluginResourceAssociation> current) {
        Map<String, TypeState> types = PluginResourceAccess.types(h,
                wanted.stream().map(PluginResourceSelection::pluginId).collect(Collectors.toSet()));
        for (PluginResourceSelection s : wanted) {
            TypeState type = types.get(PluginResourceAccess.key(s.pluginId(), s.resourceTypeSlug()));
            if (type == null) {
                throw ApiException.badRequest("'plugin_resources': plugin " + s.pluginId() + " has no resource type '"
                        + s.resourceTypeSlug() + "'");
            }
            if (!type.isActive()) {
                providers.requireServingIfLoaded(s.pluginId(), "check " + s.describeType());
                throw ApiException.badRequest("'plugin_resources': resource " + s.describeType() + " ('"
                        + type.name() + "') is inactive");
            }
        }
        if (caller.isAdmin()) {
            return types;
        }
        for (PluginResourceSelection s : wanted) {
            List<String> added = added(s, current);
            if (added.isEmpty()) {
                continue;
            }
            Set<String> granted = PluginResourceAccess.grantedInstanceIds(h, caller.userId(), s.pluginId(),
                    s.resourceTypeSlug());
            List<String> refused = added.stream().filter(id -> !granted.contains(id)).toList();
            if (!refused.isEmpty()) {
                throw ApiException.badRequest("'plugin_resources': " + (refused.size() == 1 ? "instance " : "instances ")
                        + quoted(refused) + " of " + s.describeType() + (refused.size() == 1 ? " is" : " are")
                        + " not granted to any of your groups");
            }
        }
        return types;
    }

    /**
     * Reads every selected instance from its provider: the copies to store. Provider calls, so
     * never inside a transaction.
     */
    List<PluginResourceAssociation> fetchCopies(List<PluginResourceSelection> wanted,
                                                List<PluginResourceAssociation> current) {
        List<PluginResourceAssociation> resolved = new ArrayList<>();
        for (PluginResourceSelection s : wanted) {
            List<String> added = added(s, current);
            List<ResourceInstance> copies = new ArrayList<>();
            for (String id : s.instanceIds()) {
                String what = "read instance '" + id + "' of resource type '" + s.resourceTypeSlug() + "'";
                ResourceInstance answer = providers.call(s.pluginId(), what,
                        (p, context) -> p.getResourceInstance(context, s.resourceTypeSlug(), id));
                if (answer == null) {
                    throw ApiException.badRequest("'plugin_resources': plugin " + s.pluginId() + " has no instance '"
                            + id + "' of resource type '" + s.resourceTypeSlug() + "'");
                }
                ResourceInstance copy;
                try {
                    copy = InstanceCopies.of(id, answer);
                } catch (IllegalArgumentException e) {
                    throw providers.invalidAnswer(s.pluginId(), what, e.getMessage());
                }
                if (!copy.isActive() && added.contains(id)) {
                    throw ApiException.badRequest("'plugin_resources': instance '" + id + "' ('" + copy.name()
                            + "') of " + s.describeType() + " is inactive");
                }
                copies.add(copy);
            }
            resolved.add(new PluginResourceAssociation(s.pluginId(), s.resourceTypeSlug(), s.instanceIds(), copies));
        }
        return List.copyOf(resolved);
    }

    /** Each provider's verdict on its part of the App's selection. */
    void validate(long appId, List<PluginResourceAssociation> resolved) {
        for (PluginResourceAssociation a : resolved) {
            providers.call(a.pluginId(), "validate the App's selection of resource type '" + a.resourceTypeSlug() + "'",
                    (p, context) -> {
                        p.validateResourceSelection(context, a.resourceTypeSlug(), a.instanceIds(), appId);
                        return null;
                    });
        }
    }

    /**
     * The instances the privacy rule applies to: those of types with privacy scores. A type no
     * longer registered counts as scored: the rule fails closed.
     */
    static List<ScoredInstance> scored(List<PluginResourceAssociation> associations, Map<String, TypeState> types) {
        List<ScoredInstance> scored = new ArrayList<>();
        for (PluginResourceAssociation a : associations) {
            TypeState type = types.get(PluginResourceAccess.key(a.pluginId(), a.resourceTypeSlug()));
            if (type != null && !type.hasPrivacyScore()) {
                continue;
            }
            for (ResourceInstance i : a.instances()) {
                scored.add(new ScoredInstance(a.pluginId(), a.resourceTypeSlug(), i.id(), i.name(), i.privacyScore()));
            }
        }
        return scored;
    }

    /** The instances of {@code s} the App does not hold yet. */
    private static List<String> added(PluginResourceSelection s, List<PluginResourceAssociation> current) {
        List<String> held = current.stream()
                .filter(a -> a.pluginId() == s.pluginId() && a.resourceTypeSlug().equals(s.resourceTypeSlug()))
                .flatMap(a -> a.instanceIds().stream()).toList();
        return s.instanceIds().stream().filter(id -> !held.contains(id)).toList();
    }

    private static String quoted(List<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
    }
}
