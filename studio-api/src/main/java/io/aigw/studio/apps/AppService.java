package io.aigw.studio.apps;

import io.aigw.studio.db.Database;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.JsonBody;
import io.aigw.studio.http.PathIds;
import io.aigw.studio.http.Responses;
import io.aigw.studio.publish.Publisher;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.logging.Logger;

/** {@code /api/v1/apps}: Apps, the identities gateway tokens belong to. */
public final class AppService implements HttpService {

    private static final Logger LOG = Logger.getLogger(AppService.class.getName());

    private final Database db;
    private final Publisher publisher;
    private final AppRepository apps = new AppRepository();

    public AppService(Database db, Publisher publisher) {
        this.db = db;
        this.publisher = publisher;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .get("/{id}", this::get)
                .patch("/{id}", this::patch)
                .delete("/{id}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Responses.ok(req, res, db.read(apps::list).stream().map(AppView::of).toList());
    }

    private void get(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "app");
        Responses.ok(req, res, AppView.of(db.read(c -> apps.find(c, id)).orElseThrow(() -> notFound(id))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        NewApp app = AppFields.parse(JsonBody.required(req)).toNewApp();
        AppRow created = db.transaction(c -> apps.insert(c, app));
        LOG.info(() -> "app " + created.id() + " ('" + created.name() + "') created");
        publisher.publish();
        Responses.created(req, res, AppView.of(created));
    }

    private void patch(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "app");
        AppFields fields = AppFields.parse(JsonBody.required(req));
        AppRow updated = db.transaction(c -> {
            AppRow current = apps.findForUpdate(c, id).orElseThrow(() -> notFound(id));
            return apps.update(c, id, fields.applyTo(current));
        });
        LOG.info(() -> "app " + id + " updated" + (updated.isActive() ? "" : " (inactive)"));
        publisher.publish();
        Responses.ok(req, res, AppView.of(updated));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "app");
        if (!db.transaction(c -> apps.delete(c, id))) {
            throw notFound(id);
        }
        LOG.info(() -> "app " + id + " deleted with its credentials");
        publisher.publish();
        Responses.noContent(req, res);
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("app " + id + " not found");
    }
}
