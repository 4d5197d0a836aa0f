package io.aigw.studio.catalog;

import io.aigw.studio.auth.Caller;
import io.aigw.studio.db.Database;
import io.aigw.studio.db.DatabaseException;
import io.aigw.studio.http.Access;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.ApiFeature;
import io.aigw.studio.http.ApiRoutes;
import io.aigw.studio.http.JsonBody;
import io.aigw.studio.http.PathIds;
import io.aigw.studio.http.Responses;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.Set;
import java.util.logging.Logger;

/**
 * {@code /api/v1/llms}, {@code /datasources}, {@code /tools}: admins manage them; a user sees the
 * ones their groups' catalogues grant (others are 404, as if they did not exist).
 */
public final class ResourceService implements ApiFeature {

    private static final Logger LOG = Logger.getLogger(ResourceService.class.getName());

    private final Database db;
    private final Kind kind;
    private final ResourceRepository resources;

    public ResourceService(Database db, Kind kind) {
        this.db = db;
        this.kind = kind;
        this.resources = new ResourceRepository(kind);
    }

    @Override
    public void routes(ApiRoutes r) {
        String base = kind.apiPath();
        r.get(base, Access.USER, this::list)
                .post(base, Access.ADMIN, this::create)
                .get(base + "/{id}", Access.USER, this::get)
                .patch(base + "/{id}", Access.ADMIN, this::patch)
                .delete(base + "/{id}", Access.ADMIN, this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        var rows = db.read(h -> {
            var all = resources.list(h);
            if (caller.isAdmin()) {
                return all;
            }
            Set<Long> visible = Grants.accessibleResources(h, kind, caller.userId());
            return all.stream().filter(row -> visible.contains(row.id())).toList();
        });
        Responses.ok(req, res, rows.stream().map(ResourceView::of).toList());
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        long id = PathIds.get(req, "id", kind.label());
        ResourceRow row = db.read(h -> {
            if (!caller.isAdmin() && !Grants.accessibleResources(h, kind, caller.userId()).contains(id)) {
                return null;
            }
            return resources.find(h, id).orElse(null);
        });
        if (row == null) {
            throw notFound(id);
        }
        Responses.ok(req, res, ResourceView.of(row));
    }

    private void create(ServerRequest req, ServerResponse res) {
        ResourceRow fresh = ResourceFields.parse(kind, JsonBody.required(req)).toNew(kind);
        ResourceRow created = db.transaction(h -> resources.insert(h, fresh));
        LOG.info(() -> kind.label() + " " + created.id() + " ('" + created.name() + "') created");
        Responses.created(req, res, ResourceView.of(created));
    }

    private void patch(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", kind.label());
        ResourceFields fields = ResourceFields.parse(kind, JsonBody.required(req));
        ResourceRow updated = db.transaction(h -> {
            ResourceRow current = resources.find(h, id).orElseThrow(() -> notFound(id));
            return resources.update(h, fields.applyTo(current));
        });
        LOG.info(() -> kind.label() + " " + id + " updated");
        Responses.ok(req, res, ResourceView.of(updated));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", kind.label());
        boolean deleted;
        try {
            deleted = db.transaction(h -> resources.delete(h, id));
        } catch (DatabaseException e) {
            if (e.isInUse()) {
                throw ApiException.conflict(kind.label() + " " + id + " is used by an App; remove it from the "
                        + "App first");
            }
            throw e;
        }
        if (!deleted) {
            throw notFound(id);
        }
        LOG.info(() -> kind.label() + " " + id + " deleted");
        Responses.noContent(req, res);
    }

    private ApiException notFound(long id) {
        return ApiException.notFound(kind.label() + " " + id + " not found");
    }
}
