package io.aigw.loader.testing.plugins;

import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourceSelectionRejectedException;
import io.aigw.plugin.api.ResourceTypeRegistration;

import java.util.List;

/**
 * A Resource Provider and nothing else (no endpoints), loaded from a jar or run as an external
 * binary by the tests. Its one instance says where its code ran: the thread's name, and whether
 * the context class loader was the plugin's own.
 */
public final class RegistryPlugin implements ResourceProvider {

    @Override
    public List<ResourceTypeRegistration> getResourceTypeRegistrations() {
        return List.of(new ResourceTypeRegistration("mcp_servers", "MCP Servers", "tool access", "Hub", true, true,
                null));
    }

    @Override
    public List<ResourceInstance> listResourceInstances(RequestContext context, String slug) {
        Thread thread = Thread.currentThread();
        boolean ownLoader = thread.getContextClassLoader() == getClass().getClassLoader();
        return List.of(new ResourceInstance("s1", thread.getName(), ownLoader ? "plugin loader" : "other loader", 40,
                "", true));
    }

    @Override
    public ResourceInstance getResourceInstance(RequestContext context, String slug, String instanceId)
            throws InterruptedException {
        if (instanceId.equals("slow")) {
            Thread.sleep(60_000);
        }
        return null;
    }

    @Override
    public void validateResourceSelection(RequestContext context, String slug, List<String> instanceIds, long appId)
            throws ResourceSelectionRejectedException {
        if (instanceIds.size() > 1) {
            throw new ResourceSelectionRejectedException("at most one server per app");
        }
    }

    @Override
    public ResourceInstance createResourceInstance(RequestContext context, String slug, byte[] payload) {
        throw new UnsupportedOperationException("no submissions");
    }
}
