package io.aigw.studio.resources;

import io.aigw.plugin.api.ResourceInstance;
import io.aigw.studio.http.ApiException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The instances of plugin resource types, asked of their plugins (which own them) through
 * {@link ProviderCalls}: bounded, and failing closed with 503 naming the plugin.
 */
public final class Instances {

    /** Longest instance id the control plane stores (App links hold up to this). */
    public static final int MAX_ID_LENGTH = 256;

    private final ProviderCalls calls;

    public Instances(ProviderCalls calls) {
        this.calls = calls;
    }

    /**
     * For an inactive {@code type}: 503 naming the plugin when the plugin is meant to run but is not
     * serving (its types read inactive until it is back), so the caller hears the provider is down
     * rather than that the type is gone; nothing when the host does not run it at all.
     */
    public void failClosedIfDown(ResourceType type, String what) {
        calls.requireServingIfLoaded(type.pluginId(), what);
    }

    /** Every instance of {@code type}, as its plugin lists them (null entries dropped). */
    public List<ResourceInstance> list(ResourceType type) {
        List<ResourceInstance> listed = calls.call(type.pluginId(), "list the instances of type '" + type.slug() + "'",
                (provider, context) -> provider.listResourceInstances(context, type.slug()));
        return listed == null ? List.of() : listed.stream().filter(Objects::nonNull).toList();
    }

    /** Instance {@code instanceId} of {@code type}, as its plugin describes it now; empty when it has none. */
    public Optional<ResourceInstance> get(ResourceType type, String instanceId) {
        return Optional.ofNullable(calls.call(type.pluginId(), "describe instance '" + instanceId + "' of type '"
                + type.slug() + "'", (provider, context) -> provider.getResourceInstance(context, type.slug(),
                instanceId)));
    }

    /**
     * Asks the plugin to create an instance of {@code type} from {@code payload} (plugin-defined
     * JSON); the answer must carry the plugin-assigned id, or nothing can ever link to it.
     */
    public ResourceInstance create(ResourceType type, byte[] payload) {
        ResourceInstance created = calls.call(type.pluginId(), "create an instance of type '" + type.slug() + "'",
                (provider, context) -> provider.createResourceInstance(context, type.slug(), payload));
        if (created == null || created.id() == null || created.id().isBlank()
                || created.id().length() > MAX_ID_LENGTH) {
            throw new ApiException(502, "resource provider plugin " + type.pluginId() + " answered the creation of "
                    + "an instance of type '" + type.slug() + "' without a usable instance id (1 to "
                    + MAX_ID_LENGTH + " characters)");
        }
        return created;
    }
}
