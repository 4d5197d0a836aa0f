package io.aigw.studio.catalog;

/**
 * The three built-in governed resource kinds. They share one shape, so one set of services serves
 * all three; the table names here are the only place the kinds differ (LLMs also have a vendor).
 */
public enum Kind {
    LLM("llm", "LLM", "llms"),
    DATASOURCE("datasource", "datasource", "datasources"),
    TOOL("tool", "tool", "tools");

    private final String key;
    private final String label;
    private final String plural;

    Kind(String key, String label, String plural) {
        this.key = key;
        this.label = label;
        this.plural = plural;
    }

    /** Human name for messages: "LLM", "datasource", "tool". */
    public String label() {
        return label;
    }

    /** The resources' table and their API path segment. */
    public String table() {
        return plural;
    }

    public String apiPath() {
        return "/api/v1/" + plural;
    }

    public String catalogueApiPath() {
        return "/api/v1/" + key + "-catalogues";
    }

    public String catalogueTable() {
        return key + "_catalogues";
    }

    public String catalogueItemsTable() {
        return key + "_catalogue_items";
    }

    public String groupGrantsTable() {
        return "group_" + key + "_catalogues";
    }

    public String appLinksTable() {
        return "app_" + plural;
    }

    /** The request/response field listing resources of this kind: {@code llm_ids}. */
    public String idsField() {
        return key + "_ids";
    }

    /** The group field listing granted catalogues: {@code llm_catalogue_ids}. */
    public String catalogueIdsField() {
        return key + "_catalogue_ids";
    }

    public boolean hasVendor() {
        return this == LLM;
    }
}
