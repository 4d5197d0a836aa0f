package io.aigw.studio.resources;

import io.aigw.studio.db.Columns;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;

/** SQL for {@code submissions}; each row is read with its resource type's plugin and slug. */
public final class SubmissionRepository {

    private static final String COLUMNS = "s.id, s.submitter_id, s.resource_type, s.plugin_resource_type_id, "
            + "t.plugin_id, t.slug, s.resource_payload::text as resource_payload, s.suggested_privacy_score, "
            + "s.notes, s.status, s.approved_privacy_score, s.created_instance_id, s.rejection_reason, "
            + "s.decided_by, s.decided_at, s.created_at";
    private static final String FROM = " from submissions s join plugin_resource_types t "
            + "on t.id = s.plugin_resource_type_id";

    private static final RowMapper<Submission> ROW = (rs, ctx) -> new Submission(rs.getLong("id"),
            Columns.nullableLong(rs, "submitter_id"), rs.getString("resource_type"),
            rs.getLong("plugin_resource_type_id"), rs.getLong("plugin_id"), rs.getString("slug"),
            rs.getString("resource_payload"), nullableInt(rs, "suggested_privacy_score"), rs.getString("notes"),
            rs.getString("status"), nullableInt(rs, "approved_privacy_score"), rs.getString("created_instance_id"),
            rs.getString("rejection_reason"), Columns.nullableLong(rs, "decided_by"),
            Columns.instant(rs, "decided_at"), Columns.instant(rs, "created_at"));

    /**
     * Submissions, oldest first: all, or only {@code submitterId}'s (when not null), and only those
     * with {@code status} (when not null).
     */
    public List<Submission> list(Handle h, Long submitterId, String status) {
        return h.createQuery("select " + COLUMNS + FROM + " where (cast(:submitter as bigint) is null "
                        + "or s.submitter_id = :submitter) and (cast(:status as text) is null or s.status = :status) "
                        + "order by s.id")
                .bind("submitter", submitterId)
                .bind("status", status)
                .map(ROW)
                .list();
    }

    public Optional<Submission> find(Handle h, long id) {
        return h.createQuery("select " + COLUMNS + FROM + " where s.id = :id").bind("id", id).map(ROW).findOne();
    }

    /**
     * The submission, locked until the transaction ends, without waiting: when another request is
     * deciding it right now, this fails at once (SQLSTATE 55P03) instead of queueing behind it.
     */
    public Optional<Submission> lockForDecision(Handle h, long id) {
        return h.createQuery("select " + COLUMNS + FROM + " where s.id = :id for update of s nowait")
                .bind("id", id)
                .map(ROW)
                .findOne();
    }

    public long insert(Handle h, long submitterId, NewSubmission s) {
        return h.createQuery("insert into submissions (submitter_id, resource_type, plugin_resource_type_id, "
                        + "resource_payload, suggested_privacy_score, notes) values (:submitter, :kind, :typeId, "
                        + ":payload::jsonb, :score, :notes) returning id")
                .bind("submitter", submitterId)
                .bind("kind", NewSubmission.PLUGIN)
                .bind("typeId", s.pluginResourceTypeId())
                .bind("payload", s.resourcePayload())
                .bind("score", s.suggestedPrivacyScore())
                .bind("notes", s.notes())
                .mapTo(Long.class)
                .one();
    }

    /** Records the approval; only a pending submission changes (the caller holds its lock). */
    public boolean approve(Handle h, long id, Integer privacyScore, String instanceId, long decidedBy) {
        return h.createUpdate("update submissions set status = 'approved', approved_privacy_score = :score, "
                        + "created_instance_id = :instanceId, decided_by = :decidedBy, decided_at = now() "
                        + "where id = :id and status = 'pending'")
                .bind("id", id)
                .bind("score", privacyScore)
                .bind("instanceId", instanceId)
                .bind("decidedBy", decidedBy)
                .execute() == 1;
    }

    public boolean reject(Handle h, long id, String reason, long decidedBy) {
        return h.createUpdate("update submissions set status = 'rejected', rejection_reason = :reason, "
                        + "decided_by = :decidedBy, decided_at = now() where id = :id and status = 'pending'")
                .bind("id", id)
                .bind("reason", reason)
                .bind("decidedBy", decidedBy)
                .execute() == 1;
    }

    private static Integer nullableInt(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
