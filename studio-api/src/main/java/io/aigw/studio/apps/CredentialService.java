package io.aigw.studio.apps;

import io.aigw.gateway.auth.Tokens;
import io.aigw.studio.auth.Caller;
import io.aigw.studio.db.Database;
import io.aigw.studio.http.Access;
import io.aigw.studio.http.ApiFeature;
import io.aigw.studio.http.ApiRoutes;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.JsonBody;
import io.aigw.studio.http.PathIds;
import io.aigw.studio.http.Responses;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.logging.Logger;

/** {@code /api/v1/apps/{id}/credentials}: gateway tokens, issued once and stored hashed. */
public final class CredentialService implements ApiFeature {

    public static final String TOKEN_PREFIX = "aigw_";
    private static final int DISPLAY_PREFIX_LENGTH = 10;
    private static final Logger LOG = Logger.getLogger(CredentialService.class.getName());

    private final Database db;
    private final AppRepository apps = new AppRepository();
    private final CredentialRepository credentials = new CredentialRepository();

    public CredentialService(Database db) {
        this.db = db;
    }

    @Override
    public void routes(ApiRoutes r) {
        r.get("/api/v1/apps/{id}/credentials", Access.USER, this::list)
                .post("/api/v1/apps/{id}/credentials", Access.USER, this::issue)
                .delete("/api/v1/apps/{id}/credentials/{credentialId}", Access.USER, this::revoke);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        long appId = PathIds.get(req, "id", "app");
        var views = db.read(h -> {
            AppService.manageable(h, apps, caller, appId, false);
            return credentials.listForApp(h, appId);
        }).stream().map(CredentialView::of).toList();
        Responses.ok(req, res, views);
    }

    private void issue(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        long appId = PathIds.get(req, "id", "app");
        CredentialRequest request = CredentialRequest.parse(JsonBody.orEmpty(JsonBody.optional(req)));
        String token = Tokens.generate(TOKEN_PREFIX);
        CredentialRow created = db.transaction(h -> {
            AppService.manageable(h, apps, caller, appId, true);
            return credentials.insert(h, appId, Tokens.hash(token), token.substring(0, DISPLAY_PREFIX_LENGTH),
                    request);
        });
        LOG.info(() -> "credential " + created.id() + " (" + created.tokenPrefix() + "...) issued for app " + appId);
        Responses.created(req, res, IssuedCredential.of(created, token));
    }

    private void revoke(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        long appId = PathIds.get(req, "id", "app");
        long id = PathIds.get(req, "credentialId", "credential");
        if (!db.transaction(h -> AppService.manageable(h, apps, caller, appId, true) != null
                && credentials.revoke(h, appId, id))) {
            throw ApiException.notFound("credential " + id + " of app " + appId + " not found");
        }
        LOG.info(() -> "credential " + id + " of app " + appId + " revoked");
        Responses.noContent(req, res);
    }
}
