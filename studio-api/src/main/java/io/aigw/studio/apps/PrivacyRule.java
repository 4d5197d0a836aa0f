package io.aigw.studio.apps;

import io.aigw.studio.catalog.Kind;
import io.aigw.studio.catalog.ResourceRow;
import io.aigw.studio.http.ApiException;

import java.util.List;
import java.util.Map;

/**
 * The seed's privacy rule: no datasource's privacy score may exceed the highest privacy score of
 * the App's LLMs. An App without an LLM has no highest score, so it may hold no datasource at all
 * (tools are outside the rule, as in the seed, and are allowed either way).
 */
public final class PrivacyRule {

    private PrivacyRule() {
    }

    /** @throws ApiException 400 naming the first offending datasource and both scores */
    public static void check(Map<Kind, List<ResourceRow>> resources) {
        List<ResourceRow> llms = resources.getOrDefault(Kind.LLM, List.of());
        List<ResourceRow> datasources = resources.getOrDefault(Kind.DATASOURCE, List.of());
        if (datasources.isEmpty()) {
            return;
        }
        if (llms.isEmpty()) {
            ResourceRow d = datasources.getFirst();
            throw ApiException.badRequest("privacy rule: datasource " + d.id() + " ('" + d.name()
                    + "', privacy score " + d.privacyScore() + ") cannot be attached to an App without an LLM; "
                    + "a datasource's privacy score may not exceed the App's maximum LLM privacy score, and with no "
                    + "LLM there is none (add an LLM first)");
        }
        ResourceRow top = llms.stream().max((a, b) -> Integer.compare(a.privacyScore(), b.privacyScore())).orElseThrow();
        for (ResourceRow d : datasources) {
            if (d.privacyScore() > top.privacyScore()) {
                throw ApiException.badRequest("privacy rule: datasource " + d.id() + " ('" + d.name()
                        + "') has privacy score " + d.privacyScore() + ", above the App's maximum LLM privacy score "
                        + top.privacyScore() + " (LLM " + top.id() + " '" + top.name() + "')");
            }
        }
    }
}
