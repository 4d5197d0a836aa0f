package io.aigw.studio.plugins;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.gateway.routing.PluginSlug;
import io.aigw.loader.command.InvalidPluginCommandException;
import io.aigw.loader.command.PluginCommand;
import io.aigw.plugin.api.HookType;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.Fields;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plugin fields a create or patch request sets; null means "not given".
 * Values are already validated one by one; cross-field rules (slug uniqueness) need the database.
 */
public record PluginFields(String name, String description, String command, String hookType,
                           List<String> hookTypes, Map<String, String> config, Boolean isActive) {

    // Output-only fields are accepted (and ignored) so a GET result can be sent back as a PATCH.
    private static final Set<String> KNOWN = Set.of("name", "description", "command", "hook_type", "hook_types",
            "config", "is_active", "id", "status", "manifest", "source", "created_at", "updated_at");

    public static PluginFields parse(ObjectNode body) {
        Fields.onlyKnown(body, KNOWN);
        String command = Fields.nonBlank(body, "command", 2048);
        String hookType = Fields.nonBlank(body, "hook_type", 64);
        if (hookType != null) {
            knownHook(hookType, "'hook_type'");
        }
        List<String> hookTypes = Fields.stringList(body, "hook_types", 20, 64);
        if (hookTypes != null) {
            for (String hook : hookTypes) {
                knownHook(hook, "'hook_types'");
            }
        }
        Map<String, String> config = Fields.stringMap(body, "config", 100, 200, 64 * 1024);
        String slug = config == null ? null : PluginSlug.of(config);
        if (slug != null && !PluginSlug.isValid(slug)) {
            throw ApiException.badRequest("'config.slug' must match " + PluginSlug.PATTERN.pattern() + ", got '"
                    + slug + "'");
        }
        return new PluginFields(
                Fields.nonBlank(body, "name", 200),
                Fields.text(body, "description", 4000),
                command == null ? null : validCommand(command),
                hookType, hookTypes, config,
                Fields.bool(body, "is_active"));
    }

    /** A complete new plugin; name and command are required, the rest defaults. */
    public NewPlugin toNewPlugin() {
        if (name == null) {
            throw ApiException.badRequest("'name' is required");
        }
        if (command == null) {
            throw ApiException.badRequest("'command' is required");
        }
        String hook = hookType == null ? HookType.CUSTOM_ENDPOINT.wireName() : hookType;
        return new NewPlugin(name, description == null ? "" : description, command, hook,
                hookTypes == null ? List.of(hook) : hookTypes,
                config == null ? Map.of() : config,
                isActive == null || isActive, null, PluginRow.SOURCE_API);
    }

    /** {@code current} with the given fields replaced; {@code config} is replaced as a whole, not merged. */
    public NewPlugin applyTo(PluginRow current) {
        return new NewPlugin(
                name == null ? current.name() : name,
                description == null ? current.description() : description,
                command == null ? current.command() : command,
                hookType == null ? current.hookType() : hookType,
                hookTypes == null ? current.hookTypes() : hookTypes,
                config == null ? current.config() : config,
                isActive == null ? current.isActive() : isActive,
                current.manifestJson(), current.source());
    }

    /** The command as given (stored and shown as the operator wrote it), once it parses. */
    private static String validCommand(String command) {
        try {
            PluginCommand.parse(command);
            return command;
        } catch (InvalidPluginCommandException e) {
            throw ApiException.badRequest("'command' must be " + PluginCommand.GRAMMAR + " (" + e.reason() + ")");
        }
    }

    private static void knownHook(String hook, String field) {
        if (HookType.named(hook).isEmpty()) {
            throw ApiException.badRequest(field + ": unknown hook type '" + hook + "' (known: "
                    + String.join(", ", HookType.wireNames()) + ")");
        }
    }
}
