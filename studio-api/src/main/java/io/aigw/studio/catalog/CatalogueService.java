package io.aigw.studio.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.studio.auth.Caller;
import io.aigw.studio.db.Database;
import io.aigw.studio.db.Ids;
import io.aigw.studio.http.Access;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.ApiFeature;
import io.aigw.studio.http.ApiRoutes;
import io.aigw.studio.http.Fields;
import io.aigw.studio.http.JsonBody;
import io.aigw.studio.http.PathIds;
import io.aigw.studio.http.Responses;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * {@code /api/v1/llm-catalogues}, {@code /datasource-catalogues}, {@code /tool-catalogues}:
 * admins manage them; a user sees the catalogues granted to their groups.
 */
public final class CatalogueService implements ApiFeature {

    private static final Logger LOG = Logger.getLogger(CatalogueService.class.getName());
    private static final int MAX_ITEMS = 1000;

    private final Database db;
    private final Kind kind;
    private final CatalogueRepository catalogues;

    public CatalogueService(Database db, Kind kind) {
        this.db = db;
        this.kind = kind;
        this.catalogues = new CatalogueRepository(kind);
    }

    @Override
    public void routes(ApiRoutes r) {
        String base = kind.catalogueApiPath();
        r.get(base, Access.USER, this::list)
                .post(base, Access.ADMIN, this::create)
                .get(base + "/{id}", Access.USER, this::get)
                .patch(base + "/{id}", Access.ADMIN, this::patch)
                .delete(base + "/{id}", Access.ADMIN, this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        List<CatalogueRow> rows = db.read(h -> {
            List<CatalogueRow> all = catalogues.list(h);
            if (caller.isAdmin()) {
                return all;
            }
            Set<Long> granted = Grants.accessibleCatalogues(h, kind, caller.userId());
            return all.stream().filter(row -> granted.contains(row.id())).toList();
        });
        Responses.ok(req, res, rows.stream().map(row -> row.view(kind)).toList());
    }

    private void get(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        long id = PathIds.get(req, "id", kind.label() + " catalogue");
        CatalogueRow row = db.read(h -> {
            if (!caller.isAdmin() && !Grants.accessibleCatalogues(h, kind, caller.userId()).contains(id)) {
                return null;
            }
            return catalogues.find(h, id).orElse(null);
        });
        if (row == null) {
            throw notFound(id);
        }
        Responses.ok(req, res, row.view(kind));
    }

    private void create(ServerRequest req, ServerResponse res) {
        ObjectNode body = JsonBody.required(req);
        Fields.onlyKnown(body, known());
        String name = Fields.nonBlank(body, "name", 200);
        if (name == null) {
            throw ApiException.badRequest("'name' is required");
        }
        String description = Fields.text(body, "description", 4000);
        List<Long> ids = Fields.idList(body, kind.idsField(), MAX_ITEMS);
        CatalogueRow created = db.transaction(h -> {
            long id = catalogues.insert(h, name, description == null ? "" : description);
            if (ids != null) {
                replaceItems(h, id, ids);
            }
            return catalogues.find(h, id).orElseThrow();
        });
        LOG.info(() -> kind.label() + " catalogue " + created.id() + " ('" + name + "') created");
        Responses.created(req, res, created.view(kind));
    }

    private void patch(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", kind.label() + " catalogue");
        ObjectNode body = JsonBody.required(req);
        Fields.onlyKnown(body, known());
        String name = Fields.nonBlank(body, "name", 200);
        String description = Fields.text(body, "description", 4000);
        List<Long> ids = Fields.idList(body, kind.idsField(), MAX_ITEMS);
        CatalogueRow updated = db.transaction(h -> {
            CatalogueRow current = catalogues.find(h, id).orElseThrow(() -> notFound(id));
            catalogues.update(h, id, name == null ? current.name() : name,
                    description == null ? current.description() : description);
            if (ids != null) {
                replaceItems(h, id, ids);
            }
            return catalogues.find(h, id).orElseThrow();
        });
        LOG.info(() -> kind.label() + " catalogue " + id + " updated");
        Responses.ok(req, res, updated.view(kind));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", kind.label() + " catalogue");
        if (!db.transaction(h -> catalogues.delete(h, id))) {
            throw notFound(id);
        }
        LOG.info(() -> kind.label() + " catalogue " + id + " deleted");
        Responses.noContent(req, res);
    }

    private void replaceItems(Handle h, long id, List<Long> ids) {
        List<Long> missing = Ids.missing(h, kind.table(), ids);
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("'" + kind.idsField() + "': no " + kind.label() + " with id "
                    + missing.getFirst());
        }
        catalogues.replaceItems(h, id, ids);
    }

    private Set<String> known() {
        return Set.of("name", "description", kind.idsField(), "id", "created_at", "updated_at");
    }

    private ApiException notFound(long id) {
        return ApiException.notFound(kind.label() + " catalogue " + id + " not found");
    }
}
