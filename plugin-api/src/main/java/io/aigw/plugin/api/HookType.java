package io.aigw.plugin.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The hook types a plugin can declare ({@code capabilities.hooks} and {@code primary_hook} in its
 * manifest) and be registered with ({@code hook_type} / {@code hook_types} in the control plane).
 * This is the one list: a name not here names nothing the platform can call.
 */
public enum HookType {

    /** Serves HTTP under {@code /plugins/{slug}/...} on the gateway ({@link CustomEndpointHandler}). */
    CUSTOM_ENDPOINT("custom_endpoint"),
    /** Adds resource types to the App model ({@link ResourceProvider}). */
    RESOURCE_PROVIDER("resource_provider"),
    /** Brings its own pages into the control plane's admin UI. */
    STUDIO_UI("studio_ui");

    private final String wireName;

    HookType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in manifests and in the admin API, e.g. {@code custom_endpoint}. */
    public String wireName() {
        return wireName;
    }

    /** The hook type called {@code name} on the wire, if there is one. */
    public static Optional<HookType> named(String name) {
        return Arrays.stream(values()).filter(h -> h.wireName.equals(name)).findFirst();
    }

    /** Every wire name, in declaration order (for error messages that list what is allowed). */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(HookType::wireName).toList();
    }
}
