package io.aigw.studio.catalog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A catalogue of one kind and the resources in it. */
public record CatalogueRow(long id, String name, String description, List<Long> resourceIds, Instant createdAt,
                           Instant updatedAt) {

    public CatalogueRow {
        resourceIds = List.copyOf(resourceIds);
    }

    CatalogueRow withResources(List<Long> ids) {
        return new CatalogueRow(id, name, description, ids, createdAt, updatedAt);
    }

    /** As the API shows it; the id list is named for the kind ({@code llm_ids}, ...). */
    Map<String, Object> view(Kind kind) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("name", name);
        view.put("description", description);
        view.put(kind.idsField(), resourceIds);
        view.put("created_at", createdAt.toString());
        view.put("updated_at", updatedAt.toString());
        return view;
    }
}
