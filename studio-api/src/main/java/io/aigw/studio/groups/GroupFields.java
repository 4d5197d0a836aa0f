package io.aigw.studio.groups;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.studio.catalog.Kind;
import io.aigw.studio.http.Fields;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a group create or patch sets; null (or an absent kind) means "not given". Lists replace the
 * stored ones as a whole.
 */
public record GroupFields(String name, String description, List<Long> memberIds,
                          Map<Kind, List<Long>> catalogueIds) {

    private static final int MAX_IDS = 10_000;

    public static GroupFields parse(ObjectNode body) {
        Set<String> known = new HashSet<>(Set.of("name", "description", "member_ids", "id", "created_at",
                "updated_at"));
        for (Kind kind : Kind.values()) {
            known.add(kind.catalogueIdsField());
        }
        Fields.onlyKnown(body, known);
        Map<Kind, List<Long>> catalogues = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            List<Long> ids = Fields.idList(body, kind.catalogueIdsField(), MAX_IDS);
            if (ids != null) {
                catalogues.put(kind, ids);
            }
        }
        return new GroupFields(Fields.nonBlank(body, "name", 200), Fields.text(body, "description", 4000),
                Fields.idList(body, "member_ids", MAX_IDS), catalogues);
    }
}
