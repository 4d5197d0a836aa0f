package io.aigw.studio.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.ResourceTypeSlug;
import io.aigw.studio.catalog.Kind;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.Fields;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The App fields a create or patch request sets; null (or a kind absent from {@code resources})
 * means "not given". Resource id lists, and {@code pluginResources}, replace the stored ones as a
 * whole.
 *
 * @param pluginResources the {@code plugin_resources} selections, or null when not given
 */
public record AppFields(String name, String description, String ownerEmail, Long ownerId, Boolean isActive,
                        Double monthlyBudget, Integer rateLimit, Map<String, String> metadata,
                        Map<Kind, List<Long>> resources, List<PluginResourceSelection> pluginResources) {

    // Loose on purpose: the address is for humans to read, not for us to deliver mail to.
    private static final Pattern EMAIL = Pattern.compile("(?U)[^@\\s]+@[^@\\s]+");
    private static final int MAX_RESOURCES = 200;
    /** Resource types one App may draw plugin resources from. */
    private static final int MAX_PLUGIN_RESOURCE_TYPES = 50;
    /** The schema's bound on a plugin-assigned instance id. */
    private static final int MAX_INSTANCE_ID_LENGTH = 256;
    private static final Set<String> SELECTION_FIELDS = Set.of("plugin_id", "resource_type_slug", "instance_ids");
    private static final Set<String> KNOWN;

    static {
        Set<String> known = new HashSet<>(Set.of("name", "description", "owner_email", "owner_id", "is_active",
                "monthly_budget", "rate_limit", "metadata", "plugin_resources", "id", "created_at", "updated_at"));
        for (Kind kind : Kind.values()) {
            known.add(kind.idsField());
        }
        KNOWN = Set.copyOf(known);
    }

    public static AppFields parse(ObjectNode body) {
        Fields.onlyKnown(body, KNOWN);
        String email = Fields.string(body, "owner_email", 320);
        if (email != null && !email.isEmpty() && !EMAIL.matcher(email).matches()) {
            throw ApiException.badRequest("'owner_email' must be an email address");
        }
        Map<Kind, List<Long>> resources = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            List<Long> ids = Fields.idList(body, kind.idsField(), MAX_RESOURCES);
            if (ids != null) {
                resources.put(kind, ids);
            }
        }
        return new AppFields(
                Fields.nonBlank(body, "name", 200),
                Fields.text(body, "description", 4000),
                email,
                Fields.id(body, "owner_id"),
                Fields.bool(body, "is_active"),
                Fields.nonNegativeNumber(body, "monthly_budget"),
                Fields.nonNegativeInt(body, "rate_limit"),
                Fields.stringMap(body, "metadata", 100, 200, 4096),
                resources,
                pluginResources(body));
    }

    /** {@code plugin_resources}: {@code [{plugin_id, resource_type_slug, instance_ids}]}, each type once. */
    private static List<PluginResourceSelection> pluginResources(ObjectNode body) {
        if (!Fields.present(body, "plugin_resources")) {
            return null;
        }
        JsonNode node = body.get("plugin_resources");
        if (!node.isArray()) {
            throw ApiException.badRequest("'plugin_resources' must be an array");
        }
        if (node.size() > MAX_PLUGIN_RESOURCE_TYPES) {
            throw ApiException.badRequest("'plugin_resources' must have at most " + MAX_PLUGIN_RESOURCE_TYPES
                    + " items");
        }
        List<PluginResourceSelection> selections = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw ApiException.badRequest("'plugin_resources' items must be objects");
            }
            ObjectNode o = (ObjectNode) item;
            Fields.onlyKnown(o, SELECTION_FIELDS);
            Long pluginId = Fields.id(o, "plugin_id");
            String slug = Fields.string(o, "resource_type_slug", 64);
            List<String> ids = Fields.stringList(o, "instance_ids", MAX_RESOURCES, MAX_INSTANCE_ID_LENGTH);
            if (pluginId == null || !ResourceTypeSlug.isValid(slug)) {
                throw ApiException.badRequest("'plugin_resources' items need 'plugin_id' and a 'resource_type_slug' "
                        + "of " + ResourceTypeSlug.RULE);
            }
            if (!seen.add(pluginId + "/" + slug)) {
                throw ApiException.badRequest("'plugin_resources' names "
                        + PluginResourceSelection.describeType(pluginId, slug) + " twice");
            }
            selections.add(new PluginResourceSelection(pluginId, slug, ids == null ? List.of() : ids));
        }
        return List.copyOf(selections);
    }

    public NewApp toNewApp(Owner owner) {
        if (name == null) {
            throw ApiException.badRequest("'name' is required");
        }
        return new NewApp(name, or(description, ""), owner.label(), owner.userId(), isActive == null || isActive,
                or(monthlyBudget, 0.0), or(rateLimit, 0), or(metadata, Map.of()));
    }

    /** {@code current} with the given fields replaced; {@code metadata} is replaced as a whole. */
    public NewApp applyTo(AppRow current, Owner owner) {
        return new NewApp(or(name, current.name()), or(description, current.description()), owner.label(),
                owner.userId(), or(isActive, current.isActive()), or(monthlyBudget, current.monthlyBudget()),
                or(rateLimit, current.rateLimit()), or(metadata, current.metadata()));
    }

    public boolean changesOwner() {
        return ownerId != null || ownerEmail != null;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
