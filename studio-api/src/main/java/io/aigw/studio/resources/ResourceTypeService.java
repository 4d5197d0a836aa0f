package io.aigw.studio.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.plugin.api.ResourceInstance;
import io.aigw.studio.auth.Caller;
import io.aigw.studio.db.Database;
import io.aigw.studio.http.Access;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.ApiFeature;
import io.aigw.studio.http.ApiRoutes;
import io.aigw.studio.http.JsonBody;
import io.aigw.studio.http.PathIds;
import io.aigw.studio.http.Responses;
import io.aigw.studio.json.Json;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * {@code /api/v1/plugin-resource-types}: the resource types Resource Provider plugins registered,
 * and their instances, which the plugins own and are asked for on every call. Anyone signed in
 * sees the active types; admins see every instance, a user the instances granted to their groups.
 * Admins may create an instance directly from a plugin-defined JSON payload.
 */
public final class ResourceTypeService implements ApiFeature {

    private static final Logger LOG = Logger.getLogger(ResourceTypeService.class.getName());

    /** Largest plugin-defined payload passed on to a plugin, as JSON text. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private final Database db;
    private final Instances instances;
    private final TypeRepository types = new TypeRepository();
    private final InstanceGrants grants = new InstanceGrants();

    private final LongConsumer afterCreate;

    public ResourceTypeService(Database db, ProviderCalls calls) {
        this(db, calls, pluginId -> { });
    }

    /** @param afterCreate told the plugin's id after it created an instance (its instances changed) */
    public ResourceTypeService(Database db, ProviderCalls calls, LongConsumer afterCreate) {
        this.db = db;
        this.instances = new Instances(calls);
        this.afterCreate = afterCreate;
    }

    @Override
    public void routes(ApiRoutes r) {
        r.get("/api/v1/plugin-resource-types", Access.USER, this::list)
                .get("/api/v1/plugin-resource-types/{id}", Access.USER, this::get)
                .get("/api/v1/plugin-resource-types/{id}/instances", Access.USER, this::listInstances)
                .post("/api/v1/plugin-resource-types/{id}/instances", Access.ADMIN, this::createInstance);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Responses.ok(req, res, db.read(types::listActive).stream().map(ResourceType::view).toList());
    }

    private void get(ServerRequest req, ServerResponse res) {
        Responses.ok(req, res, visible(req).view());
    }

    private void listInstances(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        ResourceType type = usable(visible(req));
        List<ResourceInstance> listed;
        if (caller.isAdmin()) {
            listed = instances.list(type);
        } else {
            Set<String> granted = db.read(h -> grants.grantedTo(h, caller.userId(), type.pluginId(), type.slug()));
            // nothing granted: nothing to ask the plugin for
            listed = granted.isEmpty() ? List.of()
                    : instances.list(type).stream().filter(i -> granted.contains(i.id())).toList();
        }
        Responses.ok(req, res, listed.stream().map(InstanceView::of).toList());
    }

    private void createInstance(ServerRequest req, ServerResponse res) {
        ResourceType type = usable(visible(req));
        ObjectNode payload = JsonBody.required(req);
        ResourceInstance created = instances.create(type, payloadBytes(payload, "the request body"));
        LOG.info(() -> "instance '" + created.id() + "' of resource type " + type.describe() + " created by an admin");
        afterCreate.accept(type.pluginId());
        Responses.created(req, res, InstanceView.of(created));
    }

    /** {@code payload} as the bytes a plugin receives; refused when larger than {@link #MAX_PAYLOAD_BYTES}. */
    static byte[] payloadBytes(ObjectNode payload, String what) {
        byte[] bytes = Json.write(payload).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PAYLOAD_BYTES) {
            throw ApiException.badRequest(what + " must be at most " + MAX_PAYLOAD_BYTES + " bytes of JSON");
        }
        return bytes;
    }

    /** The type named in the path; an inactive one only for admins (users do not see it in the list either). */
    private ResourceType visible(ServerRequest req) {
        long id = PathIds.get(req, "id", "plugin resource type");
        ResourceType type = db.read(h -> types.find(h, id)).orElseThrow(() -> notFound(id));
        if (!type.isActive() && !Caller.of(req).isAdmin()) {
            throw notFound(id);
        }
        return type;
    }

    private ResourceType usable(ResourceType type) {
        if (!type.isActive()) {
            instances.failClosedIfDown(type, "use resource type " + type.describe());
            throw ApiException.conflict("resource type " + type.id() + " (" + type.describe() + ") is inactive: "
                    + "its plugin is deactivated, not loaded, or no longer provides it");
        }
        return type;
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("plugin resource type " + id + " not found");
    }
}
