package io.aigw.studio.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.ResourceTypeSlug;
import io.aigw.studio.auth.Caller;
import io.aigw.studio.catalog.Kind;
import io.aigw.studio.db.Database;
import io.aigw.studio.db.DatabaseException;
import io.aigw.studio.db.Ids;
import io.aigw.studio.http.Access;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.ApiFeature;
import io.aigw.studio.http.ApiRoutes;
import io.aigw.studio.http.Fields;
import io.aigw.studio.http.JsonBody;
import io.aigw.studio.http.PathIds;
import io.aigw.studio.http.Responses;
import io.aigw.studio.resources.Instances;
import io.aigw.studio.resources.ProviderCalls;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * {@code /api/v1/groups}: teams, their members, the catalogues granted to them, and (seed 003)
 * the plugin resource instances granted to them. Admins manage; a user sees their own groups.
 */
public final class GroupService implements ApiFeature {

    private static final Logger LOG = Logger.getLogger(GroupService.class.getName());
    private static final int MAX_GRANTS = 200;
    private static final int MAX_INSTANCES = 1000;

    private final Database db;
    private final GroupRepository groups = new GroupRepository();
    private final GrantValidator grantValidator;

    /** @param calls how plugin resource grants are checked against the providers that own the instances */
    public GroupService(Database db, ProviderCalls calls) {
        this.db = db;
        this.grantValidator = new GrantValidator(new Instances(calls));
    }

    @Override
    public void routes(ApiRoutes r) {
        r.get("/api/v1/groups", Access.USER, this::list)
                .post("/api/v1/groups", Access.ADMIN, this::create)
                .get("/api/v1/groups/{id}", Access.USER, this::get)
                .patch("/api/v1/groups/{id}", Access.ADMIN, this::patch)
                .delete("/api/v1/groups/{id}", Access.ADMIN, this::delete)
                .post("/api/v1/groups/{id}/members", Access.ADMIN, this::addMember)
                .delete("/api/v1/groups/{id}/members/{userId}", Access.ADMIN, this::removeMember)
                .get("/api/v1/groups/{id}/plugin-resources", Access.USER, this::pluginResources)
                .put("/api/v1/groups/{id}/plugin-resources", Access.ADMIN, this::setPluginResources);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        List<GroupRow> rows = db.read(groups::list);
        Responses.ok(req, res, rows.stream()
                .filter(g -> caller.isAdmin() || g.memberIds().contains(caller.userId()))
                .map(GroupRow::view).toList());
    }

    private void get(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "group");
        Responses.ok(req, res, visible(Caller.of(req), id).view());
    }

    private void create(ServerRequest req, ServerResponse res) {
        GroupFields fields = GroupFields.parse(JsonBody.required(req));
        if (fields.name() == null) {
            throw ApiException.badRequest("'name' is required");
        }
        GroupRow created = unique(fields.name(), () -> db.transaction(h -> {
            long id = groups.insert(h, fields.name(), fields.description() == null ? "" : fields.description());
            writeLinks(h, id, fields);
            return groups.find(h, id).orElseThrow();
        }));
        LOG.info(() -> "group " + created.id() + " ('" + created.name() + "') created");
        Responses.created(req, res, created.view());
    }

    private void patch(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "group");
        GroupFields fields = GroupFields.parse(JsonBody.required(req));
        GroupRow updated = unique(fields.name(), () -> db.transaction(h -> {
            GroupRow current = groups.find(h, id).orElseThrow(() -> notFound(id));
            groups.update(h, id, fields.name() == null ? current.name() : fields.name(),
                    fields.description() == null ? current.description() : fields.description());
            writeLinks(h, id, fields);
            return groups.find(h, id).orElseThrow();
        }));
        LOG.info(() -> "group " + id + " updated");
        Responses.ok(req, res, updated.view());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "group");
        if (!db.transaction(h -> groups.delete(h, id))) {
            throw notFound(id);
        }
        LOG.info(() -> "group " + id + " deleted");
        Responses.noContent(req, res);
    }

    private void addMember(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "group");
        ObjectNode body = JsonBody.required(req);
        Fields.onlyKnown(body, Set.of("user_id"));
        Long userId = Fields.id(body, "user_id");
        if (userId == null) {
            throw ApiException.badRequest("'user_id' is required");
        }
        GroupRow updated = db.transaction(h -> {
            groups.find(h, id).orElseThrow(() -> notFound(id));
            if (!Ids.missing(h, "users", List.of(userId)).isEmpty()) {
                throw ApiException.badRequest("'user_id': no user with id " + userId);
            }
            groups.addMember(h, id, userId);
            return groups.find(h, id).orElseThrow();
        });
        LOG.info(() -> "user " + userId + " added to group " + id);
        Responses.ok(req, res, updated.view());
    }

    private void removeMember(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "group");
        long userId = PathIds.get(req, "userId", "member");
        if (!db.transaction(h -> groups.removeMember(h, id, userId))) {
            throw ApiException.notFound("user " + userId + " is not a member of group " + id);
        }
        LOG.info(() -> "user " + userId + " removed from group " + id);
        Responses.noContent(req, res);
    }

    private void pluginResources(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "group");
        visible(Caller.of(req), id);
        Responses.ok(req, res, Map.of("resources", db.read(h -> groups.pluginResources(h, id))));
    }

    /**
     * Replaces the group's plugin resource grants after checking what they add ({@link GrantValidator}):
     * the database first, then the providers, outside any transaction (a provider may take up to
     * its timeout), then the write. A grant changed by another admin in between is simply replaced,
     * as with any PUT; a plugin deleted in between is refused by its foreign key.
     */
    private void setPluginResources(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "group");
        List<PluginResourceGrant> grants = parseGrants(JsonBody.required(req));
        List<GrantValidator.Addition> additions = db.read(h -> {
            groups.find(h, id).orElseThrow(() -> notFound(id));
            return grantValidator.additions(h, grants, groups.pluginResources(h, id));
        });
        grantValidator.checkInstances(additions);
        List<PluginResourceGrant> stored;
        try {
            stored = db.transaction(h -> {
                groups.find(h, id).orElseThrow(() -> notFound(id));
                groups.replacePluginResources(h, id, grants);
                return groups.pluginResources(h, id);
            });
        } catch (DatabaseException e) {
            if (e.isInUse()) {
                throw ApiException.badRequest("'resources': a plugin named was deleted meanwhile");
            }
            throw e;
        }
        LOG.info(() -> "plugin resources of group " + id + " set (" + stored.size() + " types)");
        Responses.ok(req, res, Map.of("resources", stored));
    }

    private GroupRow visible(Caller caller, long id) {
        GroupRow row = db.read(h -> groups.find(h, id)).orElseThrow(() -> notFound(id));
        if (!caller.isAdmin() && !row.memberIds().contains(caller.userId())) {
            throw notFound(id); // a user does not learn that other groups exist
        }
        return row;
    }

    private static List<PluginResourceGrant> parseGrants(ObjectNode body) {
        Fields.onlyKnown(body, Set.of("resources"));
        JsonNode resources = body.get("resources");
        if (resources == null || !resources.isArray()) {
            throw ApiException.badRequest("'resources' must be an array");
        }
        if (resources.size() > MAX_GRANTS) {
            throw ApiException.badRequest("'resources' must have at most " + MAX_GRANTS + " items");
        }
        List<PluginResourceGrant> grants = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : resources) {
            if (!item.isObject()) {
                throw ApiException.badRequest("'resources' items must be objects");
            }
            ObjectNode o = (ObjectNode) item;
            Fields.onlyKnown(o, Set.of("plugin_id", "resource_type_slug", "instance_ids"));
            Long pluginId = Fields.id(o, "plugin_id");
            String slug = Fields.string(o, "resource_type_slug", 64);
            List<String> ids = Fields.stringList(o, "instance_ids", MAX_INSTANCES, Instances.MAX_ID_LENGTH);
            if (pluginId == null || !ResourceTypeSlug.isValid(slug)) {
                throw ApiException.badRequest("'resources' items need 'plugin_id' and a 'resource_type_slug' "
                        + "of " + ResourceTypeSlug.RULE);
            }
            if (!seen.add(pluginId + "/" + slug)) {
                throw ApiException.badRequest("'resources' names plugin " + pluginId + " type '" + slug + "' twice");
            }
            grants.add(new PluginResourceGrant(pluginId, slug, ids == null ? List.of() : ids));
        }
        return grants;
    }

    private void writeLinks(Handle h, long id, GroupFields fields) {
        if (fields.memberIds() != null) {
            List<Long> missing = Ids.missing(h, "users", fields.memberIds());
            if (!missing.isEmpty()) {
                throw ApiException.badRequest("'member_ids': no user with id " + missing.getFirst());
            }
            groups.replaceMembers(h, id, fields.memberIds());
        }
        for (var entry : fields.catalogueIds().entrySet()) {
            Kind kind = entry.getKey();
            List<Long> missing = Ids.missing(h, kind.catalogueTable(), entry.getValue());
            if (!missing.isEmpty()) {
                throw ApiException.badRequest("'" + kind.catalogueIdsField() + "': no " + kind.label()
                        + " catalogue with id " + missing.getFirst());
            }
            groups.replaceCatalogues(h, id, kind, entry.getValue());
        }
    }

    private static GroupRow unique(String name, Supplier<GroupRow> write) {
        try {
            return write.get();
        } catch (DatabaseException e) {
            if (e.isDuplicate()) {
                throw ApiException.conflict("a group named '" + name + "' already exists");
            }
            throw e;
        }
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("group " + id + " not found");
    }
}
