package io.aigw.studio.configschema;

import io.aigw.studio.http.Access;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.ApiFeature;
import io.aigw.studio.http.ApiRoutes;
import io.aigw.studio.http.PathIds;
import io.aigw.studio.http.Responses;
import io.aigw.studio.plugins.PluginRow;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/plugins/{id}/config-schema} (admins, like the config itself):
 * {@code {"schema": {...} | null, "source": "manifest" | "runtime" | null, "problem": "..." | null}},
 * for the admin UI's config form. Creating or changing a plugin's config is checked against the
 * same schema ({@link ConfigSchemas#validate}).
 */
public final class ConfigSchemaService implements ApiFeature {

    private final ConfigSchemas schemas;

    public ConfigSchemaService(ConfigSchemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public void routes(ApiRoutes r) {
        r.get("/api/v1/plugins/{id}/config-schema", Access.ADMIN, this::get);
    }

    private void get(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "plugin");
        PluginRow plugin = schemas.plugin(id).orElseThrow(() -> ApiException.notFound("plugin " + id + " not found"));
        ConfigSchemas.Found found = schemas.find(plugin, plugin.command());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schema", found.json());
        body.put("source", found.source());
        body.put("problem", found.problem());
        Responses.ok(req, res, body);
    }
}
