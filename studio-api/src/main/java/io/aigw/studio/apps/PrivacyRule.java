package io.aigw.studio.apps;

import io.aigw.studio.catalog.Kind;
import io.aigw.studio.catalog.ResourceRow;
import io.aigw.studio.http.ApiException;

import java.util.List;
import java.util.Map;

/**
 * The seed's generalized privacy rule: no resource's privacy score may exceed the highest privacy
 * score of the App's LLMs. It covers datasources and the instances of plugin resource types with
 * privacy scores. An App without an LLM has no highest score, so it may hold none of those at all
 * (tools, and plugin types without privacy scores, are outside the rule, as in the seed, and are
 * allowed either way).
 */
public final class PrivacyRule {

    private PrivacyRule() {
    }

    /** The rule for an App without plugin resources. */
    public static void check(Map<Kind, List<ResourceRow>> resources) {
        check(resources, List.of());
    }

    /** @throws ApiException 400 naming the first offending datasource or instance and both scores */
    public static void check(Map<Kind, List<ResourceRow>> resources, List<ScoredInstance> instances) {
        List<ResourceRow> llms = resources.getOrDefault(Kind.LLM, List.of());
        List<ResourceRow> datasources = resources.getOrDefault(Kind.DATASOURCE, List.of());
        if (datasources.isEmpty() && instances.isEmpty()) {
            return;
        }
        if (llms.isEmpty()) {
            if (!datasources.isEmpty()) {
                ResourceRow d = datasources.getFirst();
                throw ApiException.badRequest("privacy rule: datasource " + d.id() + " ('" + d.name()
                        + "', privacy score " + d.privacyScore() + ") cannot be attached to an App without an LLM; "
                        + "a datasource's privacy score may not exceed the App's maximum LLM privacy score, and with "
                        + "no LLM there is none (add an LLM first)");
            }
            ScoredInstance i = instances.getFirst();
            throw ApiException.badRequest("privacy rule: " + i.describe() + ", privacy score " + i.privacyScore()
                    + ", cannot be attached to an App without an LLM; a plugin resource's privacy score may not "
                    + "exceed the App's maximum LLM privacy score, and with no LLM there is none (add an LLM first)");
        }
        ResourceRow top = llms.stream().max((a, b) -> Integer.compare(a.privacyScore(), b.privacyScore())).orElseThrow();
        String maximum = "the App's maximum LLM privacy score " + top.privacyScore() + " (LLM " + top.id() + " '"
                + top.name() + "')";
        for (ResourceRow d : datasources) {
            if (d.privacyScore() > top.privacyScore()) {
                throw ApiException.badRequest("privacy rule: datasource " + d.id() + " ('" + d.name()
                        + "') has privacy score " + d.privacyScore() + ", above " + maximum);
            }
        }
        for (ScoredInstance i : instances) {
            if (i.privacyScore() > top.privacyScore()) {
                throw ApiException.badRequest("privacy rule: " + i.describe() + " has privacy score "
                        + i.privacyScore() + ", above " + maximum);
            }
        }
    }
}
