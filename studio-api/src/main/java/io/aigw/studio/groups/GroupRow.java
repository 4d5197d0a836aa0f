package io.aigw.studio.groups;

import io.aigw.studio.catalog.Kind;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A group (team): its members and the catalogues granted to it, per kind. */
public record GroupRow(long id, String name, String description, List<Long> memberIds,
                       Map<Kind, List<Long>> catalogueIds, Instant createdAt, Instant updatedAt) {

    public GroupRow {
        memberIds = List.copyOf(memberIds);
        EnumMap<Kind, List<Long>> copy = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            copy.put(kind, List.copyOf(catalogueIds.getOrDefault(kind, List.of())));
        }
        catalogueIds = Collections.unmodifiableMap(copy);
    }

    GroupRow withLinks(List<Long> members, Map<Kind, List<Long>> catalogues) {
        return new GroupRow(id, name, description, members, catalogues, createdAt, updatedAt);
    }

    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("name", name);
        view.put("description", description);
        view.put("member_ids", memberIds);
        for (Kind kind : Kind.values()) {
            view.put(kind.catalogueIdsField(), catalogueIds.getOrDefault(kind, List.of()));
        }
        view.put("created_at", createdAt.toString());
        view.put("updated_at", updatedAt.toString());
        return view;
    }
}
