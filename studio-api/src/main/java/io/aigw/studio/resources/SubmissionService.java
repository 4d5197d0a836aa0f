package io.aigw.studio.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.studio.auth.Caller;
import io.aigw.studio.db.Database;
import io.aigw.studio.db.DatabaseException;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.ApiFeature;
import io.aigw.studio.http.ApiRoutes;
import io.aigw.studio.http.Access;
import io.aigw.studio.http.Fields;
import io.aigw.studio.http.JsonBody;
import io.aigw.studio.http.PathIds;
import io.aigw.studio.http.Responses;
import io.aigw.studio.json.Json;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@code /api/v1/submissions}: the community submission workflow of seed 003. Anyone signed in
 * submits a new instance for a type that takes submissions and sees their own submissions; an
 * admin sees all and decides each once. Approving asks the type's plugin to create the instance
 * (with the approved privacy score merged into the payload) and records the id it returns.
 *
 * <p>A decision holds the submission's row lock from the check to the commit, the plugin call
 * included, so a concurrent second decision is refused at once (409) rather than asking the plugin
 * twice; if the plugin cannot create the instance (down, failing, too slow) the transaction rolls
 * back and the submission stays pending.
 */
public final class SubmissionService implements ApiFeature {

    private static final Logger LOG = Logger.getLogger(SubmissionService.class.getName());
    private static final Set<String> STATUSES = Set.of(Submission.PENDING, Submission.APPROVED, Submission.REJECTED);
    /** PostgreSQL's lock_not_available, what {@code for update nowait} raises on a locked row. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Database db;
    private final Instances instances;
    private final TypeRepository types = new TypeRepository();
    private final SubmissionRepository submissions = new SubmissionRepository();

    private final LongConsumer afterCreate;

    public SubmissionService(Database db, ProviderCalls calls) {
        this(db, calls, pluginId -> { });
    }

    /** @param afterCreate told the plugin's id after an approval made it create an instance */
    public SubmissionService(Database db, ProviderCalls calls, LongConsumer afterCreate) {
        this.db = db;
        this.instances = new Instances(calls);
        this.afterCreate = afterCreate;
    }

    @Override
    public void routes(ApiRoutes r) {
        r.get("/api/v1/submissions", Access.USER, this::list)
                .post("/api/v1/submissions", Access.USER, this::create)
                .get("/api/v1/submissions/{id}", Access.USER, this::get)
                .post("/api/v1/submissions/{id}/approve", Access.ADMIN, this::approve)
                .post("/api/v1/submissions/{id}/reject", Access.ADMIN, this::reject);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        String status = req.query().first("status").orElse(null);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("'status' must be pending, approved or rejected");
        }
        List<Submission> rows = db.read(h -> submissions.list(h, caller.isAdmin() ? null : caller.userId(), status));
        Responses.ok(req, res, rows.stream().map(Submission::view).toList());
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        long id = PathIds.get(req, "id", "submission");
        Submission s = db.read(h -> submissions.find(h, id)).orElseThrow(() -> notFound(id));
        if (!caller.isAdmin() && !Objects.equals(s.submitterId(), caller.userId())) {
            throw notFound(id); // a user does not learn of others' submissions
        }
        Responses.ok(req, res, s.view());
    }

    private void create(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        NewSubmission fields = NewSubmission.parse(JsonBody.required(req));
        Submission created = db.transaction(h -> {
            ResourceType type = types.find(h, fields.pluginResourceTypeId()).filter(ResourceType::isActive)
                    .orElseThrow(() -> ApiException.badRequest("'plugin_resource_type_id': no active plugin "
                            + "resource type with id " + fields.pluginResourceTypeId()));
            if (!type.supportsSubmissions()) {
                throw ApiException.badRequest("plugin resource type " + type.id() + " (" + type.describe()
                        + ") does not take submissions");
            }
            return submissions.find(h, submissions.insert(h, caller.userId(), fields)).orElseThrow();
        });
        LOG.info(() -> "submission " + created.id() + " for resource type " + created.pluginResourceTypeId()
                + " made by user " + caller.userId());
        Responses.created(req, res, created.view());
    }

    private void approve(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        long id = PathIds.get(req, "id", "submission");
        ObjectNode body = JsonBody.orEmpty(JsonBody.optional(req));
        Fields.onlyKnown(body, Set.of("privacy_score"));
        Integer score = Fields.intBetween(body, "privacy_score", 0, 100);
        Submission approved = decision(id, () -> db.transaction(h -> {
            Submission s = pending(h, id);
            ResourceType type = types.find(h, s.pluginResourceTypeId()).orElseThrow();
            if (!type.isActive()) {
                instances.failClosedIfDown(type, "approve submission " + id); // stays pending
                throw ApiException.conflict("submission " + id + " cannot be approved now: its resource type "
                        + type.describe() + " is inactive");
            }
            if (type.hasPrivacyScore() && score == null) {
                throw ApiException.badRequest("'privacy_score' is required: instances of resource type "
                        + type.describe() + " carry a privacy score (suggested: "
                        + (s.suggestedPrivacyScore() == null ? "none" : s.suggestedPrivacyScore()) + ")");
            }
            ResourceInstance created = instances.create(type, payload(s, score));
            submissions.approve(h, id, score, created.id(), caller.userId());
            LOG.info(() -> "submission " + id + " approved by user " + caller.userId() + ": plugin " + type.pluginId()
                    + " created instance '" + created.id() + "' of type '" + type.slug() + "'");
            return submissions.find(h, id).orElseThrow();
        }));
        db.read(h -> types.find(h, approved.pluginResourceTypeId()))
                .ifPresent(type -> afterCreate.accept(type.pluginId()));
        Responses.ok(req, res, approved.view());
    }

    private void reject(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        long id = PathIds.get(req, "id", "submission");
        ObjectNode body = JsonBody.orEmpty(JsonBody.optional(req));
        Fields.onlyKnown(body, Set.of("reason"));
        String reason = Fields.text(body, "reason", 4000);
        Submission rejected = decision(id, () -> db.transaction(h -> {
            pending(h, id);
            submissions.reject(h, id, reason == null ? "" : reason, caller.userId());
            return submissions.find(h, id).orElseThrow();
        }));
        LOG.info(() -> "submission " + id + " rejected by user " + caller.userId());
        Responses.ok(req, res, rejected.view());
    }

    /** The submission, locked for this transaction; 404 when there is none, 409 when it is decided. */
    private Submission pending(Handle h, long id) {
        Submission s = submissions.lockForDecision(h, id).orElseThrow(() -> notFound(id));
        if (!s.isPending()) {
            throw ApiException.conflict("submission " + id + " is already " + s.status());
        }
        return s;
    }

    /** The payload the plugin gets: the submitted JSON object with the approved privacy score set. */
    private static byte[] payload(Submission s, Integer score) {
        JsonNode stored = Json.tree(s.resourcePayload());
        ObjectNode payload = stored instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode();
        if (score != null) {
            payload.put("privacy_score", score);
        }
        return Json.write(payload).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Runs a decision; another request deciding the same submission right now makes this one a 409. */
    private static Submission decision(long id, Supplier<Submission> decide) {
        try {
            return decide.get();
        } catch (DatabaseException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.sqlState())) {
                throw ApiException.conflict("submission " + id + " is being decided by another request");
            }
            throw e;
        }
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("submission " + id + " not found");
    }
}
