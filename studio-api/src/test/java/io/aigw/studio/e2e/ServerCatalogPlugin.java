package io.aigw.studio.e2e;

import io.aigw.plugin.api.PluginContext;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourceSelectionRejectedException;
import io.aigw.plugin.api.ResourceTypeRegistration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Resource Provider with a fixed catalogue, loaded from its own jar (one class, no nested ones)
 * by the App plugin-resource tests. Type {@code mcp_servers} has privacy scores: {@code low} (30,
 * with metadata), {@code mid} (70), {@code side} (50), {@code high} (90), {@code off} (inactive);
 * {@code boom} makes {@code getResourceInstance} throw and {@code bad-score} answers a score of
 * 150. Type {@code notes} has none: {@code n1} (score 95, outside the rule). A selection of more
 * than two servers is rejected. Config: {@code name_suffix} is appended to every name (to see
 * copies refreshed).
 */
public final class ServerCatalogPlugin implements ResourceProvider {

    static final String LOW_METADATA = "{\"url\": \"https://low.example/mcp\", \"tier\": 1}";
    static final List<String> SERVERS = List.of("low", "mid", "side", "high", "off", "boom", "bad-score");

    private volatile String suffix = "";

    @Override
    public void initialize(PluginContext context, Map<String, String> config) {
        suffix = config.getOrDefault("name_suffix", "");
    }

    @Override
    public List<ResourceTypeRegistration> getResourceTypeRegistrations() {
        return List.of(
                new ResourceTypeRegistration("mcp_servers", "MCP Servers", "tool access", "Hub", true, false, null),
                new ResourceTypeRegistration("notes", "Notes", "shared notes", "", false, false, null));
    }

    @Override
    public List<ResourceInstance> listResourceInstances(RequestContext context, String slug) {
        List<ResourceInstance> all = new ArrayList<>();
        for (String id : slug.equals("notes") ? List.of("n1") : SERVERS) {
            ResourceInstance instance = describe(slug, id);
            if (instance != null) {
                all.add(instance);
            }
        }
        return all;
    }

    @Override
    public ResourceInstance getResourceInstance(RequestContext context, String slug, String instanceId) {
        if (instanceId.equals("boom")) {
            throw new IllegalStateException("the catalogue's storage is unreachable");
        }
        return describe(slug, instanceId);
    }

    @Override
    public void validateResourceSelection(RequestContext context, String slug, List<String> instanceIds, long appId)
            throws ResourceSelectionRejectedException {
        if (slug.equals("mcp_servers") && instanceIds.size() > 2) {
            throw new ResourceSelectionRejectedException("at most 2 MCP servers per App (App " + appId + " selected "
                    + instanceIds.size() + ")");
        }
    }

    @Override
    public ResourceInstance createResourceInstance(RequestContext context, String slug, byte[] payload) {
        throw new UnsupportedOperationException("no submissions");
    }

    private ResourceInstance describe(String slug, String id) {
        if (slug.equals("notes")) {
            return id.equals("n1") ? new ResourceInstance(id, "Team notes" + suffix, "", 95, "", true) : null;
        }
        if (!slug.equals("mcp_servers")) {
            return null;
        }
        if (id.equals("low")) {
            return new ResourceInstance(id, "Low server" + suffix, "public docs", 30, LOW_METADATA, true);
        }
        if (id.equals("mid")) {
            return new ResourceInstance(id, "Mid server" + suffix, "", 70, "", true);
        }
        if (id.equals("side")) {
            return new ResourceInstance(id, "Side server" + suffix, "", 50, "[1, 2]", true);
        }
        if (id.equals("high")) {
            return new ResourceInstance(id, "HR server" + suffix, "personnel files", 90, "", true);
        }
        if (id.equals("off")) {
            return new ResourceInstance(id, "Retired server" + suffix, "", 10, "", false);
        }
        if (id.equals("bad-score")) {
            return new ResourceInstance(id, "Broken server" + suffix, "", 150, "", true);
        }
        return null;
    }
}
