package io.aigw.studio.resources;

import io.aigw.plugin.api.PluginContext;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceFormComponent;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourceTypeRegistration;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Resource Provider for the resource tests, run as an in-process jar (a single top-level class,
 * see {@code PluginJars.ofClass}) and as an external process. Tests steer it through files in the
 * directory its config's {@code state_dir} names, which work across both transports:
 * {@code down} makes instance calls fail, {@code no-runtime-extra} drops the type only
 * {@code getResourceTypeRegistrations()} declares. Instances live in memory, per generation.
 */
public final class CatalogPlugin implements ResourceProvider {

    static final String SERVERS = "mcp_servers";
    static final String KNOWLEDGE = "knowledge_bases";

    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern SCORE = Pattern.compile("\"privacy_score\"\\s*:\\s*(\\d+)");
    private static final Pattern DELAY = Pattern.compile("\"delay_ms\"\\s*:\\s*(\\d+)");

    private final Map<String, Map<String, ResourceInstance>> instances = new LinkedHashMap<>();
    private Path stateDir;
    private int created;

    @Override
    public synchronized void initialize(PluginContext context, Map<String, String> config) {
        stateDir = Path.of(config.getOrDefault("state_dir", "/nonexistent"));
        Map<String, ResourceInstance> servers = new LinkedHashMap<>();
        servers.put("s1", new ResourceInstance("s1", "Server One", "first", 30, "{\"url\":\"https://one\"}", true));
        servers.put("s2", new ResourceInstance("s2", "Server Two", "", 60, "", true));
        servers.put("s3", new ResourceInstance("s3", "Server Three", "", 90, "", false));
        instances.put(SERVERS, servers);
        Map<String, ResourceInstance> knowledge = new LinkedHashMap<>();
        knowledge.put("kb-1", new ResourceInstance("kb-1", "Handbook", "", 0, "", true));
        instances.put(KNOWLEDGE, knowledge);
    }

    @Override
    public List<ResourceTypeRegistration> getResourceTypeRegistrations() {
        List<ResourceTypeRegistration> types = new ArrayList<>();
        // also in the manifest, which wins: this name and these flags must not show
        types.add(new ResourceTypeRegistration(SERVERS, "MCP Servers (runtime)", "from the plugin", "Dns", false,
                false, new ResourceFormComponent("runtime-selector", "ui/runtime.js")));
        if (!Files.exists(stateDir.resolve("no-runtime-extra"))) {
            types.add(new ResourceTypeRegistration(KNOWLEDGE, "Knowledge Bases", "document collections", "Book",
                    false, false, null));
        }
        types.add(new ResourceTypeRegistration("Not A Slug", "Broken", "", "", false, false, null));
        return types;
    }

    @Override
    public synchronized List<ResourceInstance> listResourceInstances(RequestContext context, String slug) {
        failIfDown();
        return List.copyOf(instances.getOrDefault(slug, Map.of()).values());
    }

    @Override
    public synchronized ResourceInstance getResourceInstance(RequestContext context, String slug, String instanceId) {
        failIfDown();
        return instances.getOrDefault(slug, Map.of()).get(instanceId);
    }

    @Override
    public void validateResourceSelection(RequestContext context, String slug, List<String> instanceIds,
                                          long appId) {
    }

    @Override
    public ResourceInstance createResourceInstance(RequestContext context, String slug, byte[] payload)
            throws InterruptedException {
        failIfDown();
        String json = new String(payload, StandardCharsets.UTF_8);
        Matcher delay = DELAY.matcher(json);
        if (delay.find()) {
            Thread.sleep(Long.parseLong(delay.group(1)));
        }
        Matcher name = NAME.matcher(json);
        Matcher score = SCORE.matcher(json);
        synchronized (this) {
            String id = "created-" + (++created);
            // the payload as received is the metadata, so tests see what the plugin was given
            ResourceInstance instance = new ResourceInstance(id, name.find() ? name.group(1) : id, "",
                    score.find() ? Integer.parseInt(score.group(1)) : 0, json, true);
            instances.computeIfAbsent(slug, s -> new LinkedHashMap<>()).put(id, instance);
            return instance;
        }
    }

    private void failIfDown() {
        if (Files.exists(stateDir.resolve("down"))) {
            throw new IllegalStateException("catalog backend is down");
        }
    }
}
