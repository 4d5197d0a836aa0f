package io.aigw.studio.e2e;

import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourceTypeRegistration;

import java.util.List;

/**
 * A Resource Provider with no endpoints, loaded from its own jar by {@link ResourceProviderPluginTest}
 * (never from the test's class path). Its instance is named after the thread its code ran on.
 */
public final class RegistryPlugin implements ResourceProvider {

    @Override
    public List<ResourceTypeRegistration> getResourceTypeRegistrations() {
        return List.of(new ResourceTypeRegistration("mcp_servers", "MCP Servers", "tool access", "Hub", true, false,
                null));
    }

    @Override
    public List<ResourceInstance> listResourceInstances(RequestContext context, String slug) {
        return List.of(new ResourceInstance("s1", Thread.currentThread().getName(), "", 40, "", true));
    }

    @Override
    public ResourceInstance getResourceInstance(RequestContext context, String slug, String instanceId) {
        return null;
    }

    @Override
    public void validateResourceSelection(RequestContext context, String slug, List<String> instanceIds,
                                          long appId) {
    }

    @Override
    public ResourceInstance createResourceInstance(RequestContext context, String slug, byte[] payload) {
        throw new UnsupportedOperationException("no submissions");
    }
}
