package io.aigw.studio.apps;

import io.aigw.plugin.api.PluginResourceAssociation;
import io.aigw.studio.apps.PluginResourceAccess.TypeState;
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
import io.aigw.studio.resources.ProviderCalls;
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
import java.util.stream.Collectors;

/**
 * {@code /api/v1/apps}: Apps, the identities gateway tokens belong to, and the LLMs, datasources,
 * tools and plugin resources they bundle. A user manages the Apps they own; admins manage all. An
 * App and its resource links are written in one transaction, and the privacy rule is checked
 * inside it, so a refused change leaves nothing behind.
 *
 * <p>Plugin resources need their providers ({@link AppPluginResources}): those calls run before
 * the transaction, never while it holds the App's row lock or a pooled connection, and the
 * transaction repeats the database checks they were based on. On create the providers validate
 * the selection for an App id reserved beforehand, which the insert then uses (a refused create
 * leaves a gap in the ids, nothing else).
 */
public final class AppService implements ApiFeature {

    private static final Logger LOG = Logger.getLogger(AppService.class.getName());

    private final Database db;
    private final AppRepository apps = new AppRepository();
    private final UserRepository users = new UserRepository();
    private final Map<Kind, ResourceRepository> resources = new EnumMap<>(Kind.class);
    private final AppPluginResources pluginResources;

    public AppService(Database db, ProviderCalls providers) {
        this.db = db;
        this.pluginResources = new AppPluginResources(providers);
        for (Kind kind : Kind.values()) {
            resources.put(kind, new ResourceRepository(kind));
        }
    }

    @Override
    public void routes(ApiRoutes r) {
        r.get("/api/v1/apps", Access.USER, this::list)
                .post("/api/v1/apps", Access.USER, this::create)
                .get("/api/v1/apps/{id}", Access.USER, this::get)
                .get("/api/v1/apps/{id}/plugin-resources", Access.USER, this::getPluginResources)
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

    private void getPluginResources(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        long id = PathIds.get(req, "id", "app");
        AppRow app = db.read(h -> manageable(h, apps, caller, id, false));
        Responses.ok(req, res, PluginResourcesView.of(app.pluginResources()));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        AppFields fields = AppFields.parse(JsonBody.required(req));
        Long reserved = selectsPluginResources(fields) ? db.read(apps::reserveId) : null;
        List<PluginResourceAssociation> plugin = prepare(caller, fields, reserved, false);
        AppRow created = db.transaction(h -> {
            NewApp app = fields.toNewApp(owner(h, caller, fields, null));
            long id;
            if (reserved != null) {
                apps.insert(h, reserved, app);
                id = reserved;
            } else {
                id = apps.insert(h, app);
            }
            writeResources(h, caller, id, fields, Map.of(), List.of(), plugin);
            return apps.find(h, id).orElseThrow();
        });
        LOG.info(() -> "app " + created.id() + " ('" + created.name() + "') created");
        Responses.created(req, res, AppView.of(created));
    }

    private void patch(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        long id = PathIds.get(req, "id", "app");
        AppFields fields = AppFields.parse(JsonBody.required(req));
        List<PluginResourceAssociation> plugin = prepare(caller, fields, id, true);
        AppRow updated = db.transaction(h -> {
            AppRow current = manageable(h, apps, caller, id, true);
            apps.update(h, id, fields.applyTo(current, owner(h, caller, fields, current)));
            writeResources(h, caller, id, fields, current.resources(), current.pluginResources(), plugin);
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

    private static boolean selectsPluginResources(AppFields fields) {
        return fields.pluginResources() != null && !AppPluginResources.selecting(fields.pluginResources()).isEmpty();
    }

    /**
     * The part of a create or update that needs plugins, before its transaction: the plugin
     * resource checks up to the providers' own validation, with the privacy rule checked against
     * what the App will hold. Refusals that need no plugin (the App unknown to the caller, an
     * owner they may not set) come first. Returns the plugin resources to store with their copies,
     * or null when the request leaves them as they are.
     */
    private List<PluginResourceAssociation> prepare(Caller caller, AppFields fields, Long appId, boolean existing) {
        if (fields.pluginResources() == null) {
            return null;
        }
        List<PluginResourceSelection> wanted = AppPluginResources.selecting(fields.pluginResources());
        if (wanted.isEmpty()) {
            return List.of();
        }
        record Known(List<PluginResourceAssociation> current, Map<String, TypeState> types,
                     Map<Kind, List<ResourceRow>> held) {
        }
        Known known = db.read(h -> {
            AppRow current = existing ? manageable(h, apps, caller, appId, false) : null;
            owner(h, caller, fields, current);
            List<PluginResourceAssociation> links = current == null ? List.of() : current.pluginResources();
            return new Known(links, pluginResources.checkAccess(h, caller, wanted, links), heldAfter(h, fields, current));
        });
        List<PluginResourceAssociation> resolved = pluginResources.fetchCopies(wanted, known.current());
        PrivacyRule.check(known.held(), AppPluginResources.scored(resolved, known.types()));
        pluginResources.validate(appId, resolved);
        return resolved;
    }

    /** The LLMs and datasources the App will hold after {@code fields} (those that exist). */
    private Map<Kind, List<ResourceRow>> heldAfter(Handle h, AppFields fields, AppRow current) {
        Map<Kind, List<ResourceRow>> held = new EnumMap<>(Kind.class);
        for (Kind kind : List.of(Kind.LLM, Kind.DATASOURCE)) {
            List<Long> ids = fields.resources().containsKey(kind) ? fields.resources().get(kind)
                    : current == null ? List.of() : current.resources().get(kind);
            held.put(kind, ids.isEmpty() ? List.of() : resources.get(kind).findAll(h, ids));
        }
        return held;
    }

    /**
     * Replaces the links the request names, then checks the privacy rule against what the App
     * holds afterwards. Newly added resources must exist, be active, and (for non-admins) be in a
     * catalogue granted to one of the caller's groups; ones already linked stay as they are.
     * {@code plugin} (from {@link #prepare}; null: unchanged) replaces the plugin resources after
     * their type and grant checks ran again under the App's lock.
     */
    private void writeResources(Handle h, Caller caller, long appId, AppFields fields,
                                Map<Kind, List<Long>> current, List<PluginResourceAssociation> currentPlugin,
                                List<PluginResourceAssociation> plugin) {
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
        if (plugin != null) {
            pluginResources.checkAccess(h, caller, AppPluginResources.selecting(fields.pluginResources()),
                    currentPlugin);
            apps.replacePluginResources(h, appId, plugin);
        }
        AppRow after = apps.find(h, appId).orElseThrow();
        Map<Kind, List<ResourceRow>> held = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            List<Long> ids = after.resources().get(kind);
            held.put(kind, ids.isEmpty() ? List.of() : resources.get(kind).findAll(h, ids));
        }
        Map<String, TypeState> types = PluginResourceAccess.types(h, after.pluginResources().stream()
                .map(PluginResourceAssociation::pluginId).collect(Collectors.toSet()));
        PrivacyRule.check(held, AppPluginResources.scored(after.pluginResources(), types));
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("app " + id + " not found");
    }
}
