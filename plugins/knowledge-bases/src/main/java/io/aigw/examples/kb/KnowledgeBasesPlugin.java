package io.aigw.examples.kb;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.plugin.api.PluginContext;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.plugin.api.ResourcePayloadRejectedException;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.plugin.api.ResourceSelectionRejectedException;
import io.aigw.plugin.api.ResourceTypeRegistration;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static java.lang.System.Logger.Level.INFO;

/**
 * Example Resource Provider (seed 003): knowledge bases, document collections with a privacy
 * score, that Apps bundle and groups are granted; plus glossaries, a type declared only at run
 * time and without privacy scores.
 * <ul>
 *   <li>Instances live in the plugin's store ({@link PluginContext#store()}), one key each, so they
 *       survive reloads and restarts, in-process and as an external process alike.</li>
 *   <li>Created by an admin ({@code POST /api/v1/plugin-resource-types/{id}/instances}) or from an
 *       approved community submission: {@code {"name", "description", "privacy_score", "documents",
 *       "region"}} (see {@link Draft}); a bad payload is refused with a message saying why.</li>
 *   <li>An App may hold at most {@code max_per_app} (config, default 5) instances of each type.</li>
 *   <li>Instance metadata (what every gateway gets) is {@code {"documents": n, "region": "eu"}}:
 *       never a secret.</li>
 * </ul>
 */
public final class KnowledgeBasesPlugin implements ResourceProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile Settings settings;
    private volatile Catalog catalog;
    private volatile System.Logger log = System.getLogger(KnowledgeBasesPlugin.class.getName());

    @Override
    public void initialize(PluginContext context, Map<String, String> config) {
        log = context.logger();
        settings = Settings.of(config);
        catalog = new Catalog(context.store(), JSON, log);
        log.log(INFO, "knowledge bases ready: at most {0} per App, default region {1}", settings.maxPerApp(),
                settings.defaultRegion());
    }

    @Override
    public List<ResourceTypeRegistration> getResourceTypeRegistrations() {
        return Arrays.stream(Kind.values()).map(Kind::registration).toList();
    }

    @Override
    public List<ResourceInstance> listResourceInstances(RequestContext context, String slug) {
        return catalog.list(kind(slug));
    }

    @Override
    public ResourceInstance getResourceInstance(RequestContext context, String slug, String instanceId) {
        return catalog.get(kind(slug), instanceId).orElse(null);
    }

    @Override
    public void validateResourceSelection(RequestContext context, String slug, List<String> instanceIds, long appId)
            throws ResourceSelectionRejectedException {
        Kind kind = kind(slug);
        int selected = new LinkedHashSet<>(instanceIds).size();
        if (selected > settings.maxPerApp()) {
            throw new ResourceSelectionRejectedException("an App may hold at most " + settings.maxPerApp() + " "
                    + (settings.maxPerApp() == 1 ? kind.noun() : kind.plural()) + "; App " + appId + " selects "
                    + selected);
        }
    }

    @Override
    public ResourceInstance createResourceInstance(RequestContext context, String slug, byte[] payload)
            throws ResourcePayloadRejectedException {
        Kind kind = kind(slug);
        Draft draft = Draft.parse(kind, payload, settings, JSON);
        ResourceInstance created = catalog.create(kind, draft);
        log.log(INFO, "created {0} ''{1}'' (privacy score {2})", kind.noun(), created.id(), created.privacyScore());
        return created;
    }

    private static Kind kind(String slug) {
        return Kind.of(slug).orElseThrow(() -> new IllegalArgumentException("this plugin has no resource type '"
                + slug + "'"));
    }
}
