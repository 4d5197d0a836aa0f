package io.aigw.studio.plugins;

import io.aigw.gateway.routing.PluginSlug;
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

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** {@code /api/v1/plugins}: the plugin registry. */
public final class PluginService implements ApiFeature {

    private static final Logger LOG = Logger.getLogger(PluginService.class.getName());

    private final Database db;
    private final PluginRuntime runtime;
    private final PluginRepository plugins = new PluginRepository();
    private final SlugGuard slugs = new SlugGuard(plugins);

    public PluginService(Database db, PluginRuntime runtime) {
        this.db = db;
        this.runtime = runtime;
    }

    // Admin-only, reads included: plugin config can hold settings users have no business seeing.
    @Override
    public void routes(ApiRoutes r) {
        r.get("/api/v1/plugins", Access.ADMIN, this::list)
                .post("/api/v1/plugins", Access.ADMIN, this::create)
                .get("/api/v1/plugins/{id}", Access.ADMIN, this::get)
                .patch("/api/v1/plugins/{id}", Access.ADMIN, this::patch)
                .delete("/api/v1/plugins/{id}", Access.ADMIN, this::delete)
                .post("/api/v1/plugins/{id}/reload", Access.ADMIN, this::reload);
    }

    private void list(ServerRequest req, ServerResponse res) {
        List<PluginView> views = db.read(plugins::list).stream().map(this::view).toList();
        Responses.ok(req, res, views);
    }

    private void get(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "plugin");
        Responses.ok(req, res, view(db.read(h -> plugins.find(h, id)).orElseThrow(() -> notFound(id))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        NewPlugin plugin = PluginFields.parse(JsonBody.required(req)).toNewPlugin();
        PluginRow created = slugSafe(plugin.slug(), () -> db.transaction(h -> {
            slugs.check(h, plugin, 0);
            return plugins.insert(h, plugin);
        }));
        LOG.info(() -> "plugin " + created.id() + " ('" + created.name() + "') registered: " + created.command());
        Responses.created(req, res, view(created));
    }

    private void patch(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "plugin");
        PluginFields fields = PluginFields.parse(JsonBody.required(req));
        PluginRow updated = slugSafe(fields.config() == null ? null : PluginSlug.of(fields.config()),
                () -> db.transaction(h -> {
                    PluginRow current = plugins.findForUpdate(h, id).orElseThrow(() -> notFound(id));
                    NewPlugin next = fields.applyTo(current);
                    boolean slugOrActivationChanged = !Objects.equals(next.slug(), current.slug())
                            || next.isActive() != current.isActive();
                    if (slugOrActivationChanged) {
                        slugs.check(h, next, id);
                    }
                    return plugins.update(h, id, next);
                }));
        LOG.info(() -> "plugin " + id + " updated");
        Responses.ok(req, res, view(updated));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "plugin");
        if (!db.transaction(h -> plugins.delete(h, id))) {
            throw notFound(id);
        }
        LOG.info(() -> "plugin " + id + " deleted");
        Responses.noContent(req, res);
    }

    private void reload(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "plugin");
        PluginRow plugin = db.read(h -> plugins.find(h, id)).orElseThrow(() -> notFound(id));
        // Every committed registration change was published before its write returned, so the
        // gateway holds the registration as stored now: restarting it is all that is left.
        runtime.reload(id);
        LOG.info(() -> "plugin " + id + " reloaded");
        Responses.ok(req, res, view(plugin));
    }

    private PluginView view(PluginRow p) {
        return PluginView.of(p, runtime.report(p.id()).map(PluginStatus::of).orElse(null));
    }

    /** Runs {@code write}, turning a lost race on the slug index into the same 409 as the check. */
    private static PluginRow slugSafe(String slug, Supplier<PluginRow> write) {
        try {
            return write.get();
        } catch (DatabaseException e) {
            if (SlugGuard.isSlugViolation(e)) {
                throw ApiException.conflict("slug " + (slug == null ? "" : "'" + slug + "' ")
                        + "is already used by another active plugin");
            }
            throw e;
        }
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("plugin " + id + " not found");
    }
}
