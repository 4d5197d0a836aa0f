package io.aigw.studio.resources;

import io.aigw.studio.json.Json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A community submission of a new plugin resource instance, as stored; decided once by an admin.
 *
 * @param pluginId           the plugin of the submission's resource type
 * @param resourceTypeSlug   that type's slug
 * @param resourcePayload    the plugin-defined JSON object, as text
 * @param createdInstanceId  the instance the plugin created on approval, or null
 */
public record Submission(long id, Long submitterId, String resourceType, long pluginResourceTypeId, long pluginId,
                         String resourceTypeSlug, String resourcePayload, Integer suggestedPrivacyScore, String notes,
                         String status, Integer approvedPrivacyScore, String createdInstanceId,
                         String rejectionReason, Long decidedBy, Instant decidedAt, Instant createdAt) {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";

    public boolean isPending() {
        return PENDING.equals(status);
    }

    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("submitter_id", submitterId);
        view.put("resource_type", resourceType);
        view.put("plugin_resource_type_id", pluginResourceTypeId);
        view.put("plugin_id", pluginId);
        view.put("resource_type_slug", resourceTypeSlug);
        view.put("resource_payload", Json.tree(resourcePayload));
        view.put("suggested_privacy_score", suggestedPrivacyScore);
        view.put("notes", notes);
        view.put("status", status);
        view.put("approved_privacy_score", approvedPrivacyScore);
        view.put("created_instance_id", createdInstanceId);
        view.put("rejection_reason", rejectionReason);
        view.put("decided_by", decidedBy);
        view.put("decided_at", decidedAt == null ? null : decidedAt.toString());
        view.put("created_at", createdAt.toString());
        return view;
    }
}
