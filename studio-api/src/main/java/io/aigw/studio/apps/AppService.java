package io.aigw.studio.apps;

import io.aigw.studio.auth.Caller;
import io.aigw.studio.catalog.Grants;
import io.aigw.studio.catalog.Kind;
import io.aigw.studio.catalog.ResourceRepository;
import io.aigw.studio.catalog.ResourceRow;
import io.aigw.studio.db.Database;
import io.aigw.studio.http.Access;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.ApiFeature;
import io.aigw.studio.http.ApiRoutes;
import io.aigw.studio.http.JsonBody;
import io.aigw.studio.http.PathIds;
import io.aigw.studio.http.Responses;
import io.aigw.studio.users.UserRepository;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jdbi.v3.core.Handle;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * {@code /api/v1/apps}: Apps, the identities gateway tokens belong to, and the LLMs, datasources
 * and tools they bundle. A user manages the Apps they own; admins manage all. An App and its
 * resource links are written in one transaction, and the privacy rule is checked inside it, so a
 * refused change leaves nothing behind.
 */
public final class AppService implements ApiFeature {

    private static final Logger LOG = Logger.getLogger(AppService.class.getName());

    private final Database db;
    private final AppRepository apps = new AppRepository();
    private final UserRepository users = new UserRepository();
    private final Map<Kind, ResourceRepository> resources = new EnumMap<>(Kind.class);

    public AppService(Database db) {
        this.db = db;
        for (Kind kind : Kind.values()) {
            resources.put(kind, new ResourceRepository(kind));
        }
    }

    @Override
    public void routes(ApiRoutes r) {
        r.get("/api/v1/apps", Access.USER, this::list)
                .post("/api/v1/apps", Access.USER, this::create)
                .get("/api/v1/apps/{id}", Access.USER, this::get)
                .patch("/api/v1/apps/{id}", Access.USER, this::patch)
                .delete("/api/v1/apps/{id}", Access.USER, this::delete);
    }

    /** The App if {@code caller} may manage it; otherwise 404, so users do not learn of others' Apps. */
    static AppRow manageable(Handle h, AppRepository apps, Caller caller, long id, boolean forUpdate) {
        AppRow row = (forUpdate ? apps.findForUpdate(h, id) : apps.find(h, id)).orElseThrow(() -> notFound(id));
        if (!caller.isAdmin() && !Objects.equals(row.ownerId(), caller.userId())) {
            throw notFound(id);
        }
        return row;
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        List<AppRow> rows = db.read(h -> apps.list(h, caller.isAdmin() ? null : caller.userId()));
        Responses.ok(req, res, rows.stream().map(AppView::of).toList());
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        long id = PathIds.get(req, "id", "app");
        Responses.ok(req, res, AppView.of(db.read(h -> manageable(h, apps, caller, id, false))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        AppFields fields = AppFields.parse(JsonBody.required(req));
        AppRow created = db.transaction(h -> {
            long id = apps.insert(h, fields.toNewApp(owner(h, caller, fields, null)));
            writeResources(h, caller, id, fields, Map.of());
            return apps.find(h, id).orElseThrow();
        });
        LOG.info(() -> "app " + created.id() + " ('" + created.name() + "') created");
        Responses.created(req, res, AppView.of(created));
    }

    private void patch(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        long id = PathIds.get(req, "id", "app");
        AppFields fields = AppFields.parse(JsonBody.required(req));
        AppRow updated = db.transaction(h -> {
            AppRow current = manageable(h, apps, caller, id, true);
            apps.update(h, id, fields.applyTo(current, owner(h, caller, fields, current)));
            writeResources(h, caller, id, fields, current.resources());
            return apps.find(h, id).orElseThrow();
        });
        LOG.info(() -> "app " + id + " updated" + (updated.isActive() ? "" : " (inactive)"));
        Responses.ok(req, res, AppView.of(updated));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        long id = PathIds.get(req, "id", "app");
        db.transaction(h -> {
            manageable(h, apps, caller, id, true);
            return apps.delete(h, id);
        });
        LOG.info(() -> "app " + id + " deleted with its credentials");
        Responses.noContent(req, res);
    }

    /**
     * Who will own the App. Users always own what they create and cannot give it away; an admin
     * may name any user by id or email, or an address that is no user (kept as a label).
     */
    private Owner owner(Handle h, Caller caller, AppFields fields, AppRow current) {
        if (!caller.isAdmin()) {
            boolean otherId = fields.ownerId() != null && fields.ownerId() != caller.userId();
            boolean otherEmail = fields.ownerEmail() != null && !fields.ownerEmail().equalsIgnoreCase(caller.email());
            if (otherId || otherEmail) {
                throw new ApiException(403, "forbidden: only admins can make another user an App's owner");
            }
            return Owner.user(caller.userId());
        }
        if (fields.ownerId() != null) {
            users.find(h, fields.ownerId()).orElseThrow(() ->
                    ApiException.badRequest("'owner_id': no user with id " + fields.ownerId()));
            return Owner.user(fields.ownerId());
        }
        if (fields.ownerEmail() != null) {
            if (fields.ownerEmail().isEmpty()) {
                return Owner.unowned("");
            }
            return users.findByEmail(h, fields.ownerEmail()).map(u -> Owner.user(u.id()))
                    .orElse(Owner.unowned(fields.ownerEmail()));
        }
        if (current != null) {
            return current.ownerId() != null ? Owner.user(current.ownerId()) : Owner.unowned(current.ownerEmail());
        }
        return Owner.user(caller.userId());
    }

    /**
     * Replaces the links the request names, then checks the privacy rule against what the App
     * holds afterwards. Newly added resources must exist, be active, and (for non-admins) be in a
     * catalogue granted to one of the caller's groups; ones already linked stay as they are.
     */
    private void writeResources(Handle h, Caller caller, long appId, AppFields fields,
                                Map<Kind, List<Long>> current) {
        for (var entry : fields.resources().entrySet()) {
            Kind kind = entry.getKey();
            List<Long> wanted = entry.getValue();
            List<Long> added = wanted.stream().filter(id -> !current.getOrDefault(kind, List.of()).contains(id)).toList();
            if (!added.isEmpty()) {
                Set<Long> accessible = caller.isAdmin() ? null : Grants.accessibleResources(h, kind, caller.userId());
                Map<Long, ResourceRow> found = new java.util.HashMap<>();
                resources.get(kind).findAll(h, added).forEach(r -> found.put(r.id(), r));
                for (long id : added) {
                    ResourceRow row = found.get(id);
                    if (row == null || accessible != null && !accessible.contains(id)) {
                        throw ApiException.badRequest("'" + kind.idsField() + "': " + kind.label() + " " + id
                                + (caller.isAdmin() ? " does not exist"
                                : " is not in any catalogue granted to your groups"));
                    }
                    if (!row.isActive()) {
                        throw ApiException.badRequest("'" + kind.idsField() + "': " + kind.label() + " " + id
                                + " ('" + row.name() + "') is inactive");
                    }
                }
            }
            apps.replaceResources(h, appId, kind, wanted);
        }
        AppRow after = apps.find(h, appId).orElseThrow();
        Map<Kind, List<ResourceRow>> held = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            List<Long> ids = after.resources().get(kind);
            held.put(kind, ids.isEmpty() ? List.of() : resources.get(kind).findAll(h, ids));
        }
        PrivacyRule.check(held);
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("app " + id + " not found");
    }
}
