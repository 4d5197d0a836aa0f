package io.aigw.studio.users;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.gateway.auth.Tokens;
import io.aigw.studio.auth.Caller;
import io.aigw.studio.auth.Sessions;
import io.aigw.studio.auth.UserKeys;
import io.aigw.studio.db.Database;
import io.aigw.studio.db.DatabaseException;
import io.aigw.studio.groups.GroupRepository;
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

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/users} (admins) and {@code /api/v1/me} (anyone signed in). A user with
 * {@code is_active: false} is disabled: their API key and UI sessions are refused.
 */
public final class UserService implements ApiFeature {

    private static final Logger LOG = Logger.getLogger(UserService.class.getName());
    // (?U): no Unicode white space either; the database checks the address with its own \s, and a
    // value it refused would surface as a 500 instead of this 400.
    private static final Pattern EMAIL = Pattern.compile("(?U)[^@\\s]+@[^@\\s]+");
    private static final Set<String> KNOWN = Set.of("email", "name", "is_admin", "is_active", "id", "created_at",
            "updated_at");
    private static final int DISPLAY_PREFIX_LENGTH = 14;

    private final Database db;
    private final UserRepository users = new UserRepository();

    public UserService(Database db) {
        this.db = db;
    }

    @Override
    public void routes(ApiRoutes r) {
        r.get("/api/v1/me", Access.USER, this::me)
                .get("/api/v1/users", Access.ADMIN, this::list)
                .post("/api/v1/users", Access.ADMIN, this::create)
                .get("/api/v1/users/{id}", Access.ADMIN, this::get)
                .patch("/api/v1/users/{id}", Access.ADMIN, this::patch)
                .delete("/api/v1/users/{id}", Access.ADMIN, this::delete)
                .post("/api/v1/me/api-key", Access.USER, this::rotateOwnKey)
                .post("/api/v1/users/{id}/api-key", Access.ADMIN, this::rotateKey);
    }

    private void me(ServerRequest req, ServerResponse res) {
        Caller caller = Caller.of(req);
        Responses.ok(req, res, view(caller.userId()));
    }

    private void list(ServerRequest req, ServerResponse res) {
        List<UserView> views = db.read(h -> {
            Map<Long, List<Long>> groups = GroupRepository.GROUPS_OF_USER.all(h);
            return users.list(h).stream().map(u -> UserView.of(u, groups.getOrDefault(u.id(), List.of()))).toList();
        });
        Responses.ok(req, res, views);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Responses.ok(req, res, view(PathIds.get(req, "id", "user")));
    }

    private void create(ServerRequest req, ServerResponse res) {
        ObjectNode body = JsonBody.required(req);
        Fields.onlyKnown(body, KNOWN);
        String email = email(body);
        if (email == null) {
            throw ApiException.badRequest("'email' is required");
        }
        String name = Fields.string(body, "name", 200);
        Boolean admin = Fields.bool(body, "is_admin");
        Boolean active = Fields.bool(body, "is_active");
        String key = Tokens.generate(UserKeys.PREFIX);
        UserRow created = unique(email, () -> db.transaction(h -> users.insert(h, email, name == null ? "" : name,
                admin != null && admin, active == null || active, Tokens.hash(key),
                key.substring(0, DISPLAY_PREFIX_LENGTH))));
        LOG.info(() -> "user " + created.id() + " created" + (created.isAdmin() ? " (admin)" : ""));
        Responses.created(req, res, UserView.of(created, List.of()).withKey(key));
    }

    private void patch(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "user");
        ObjectNode body = JsonBody.required(req);
        Fields.onlyKnown(body, KNOWN);
        String email = email(body);
        String name = Fields.string(body, "name", 200);
        Boolean admin = Fields.bool(body, "is_admin");
        Boolean active = Fields.bool(body, "is_active");
        // Apps carry their owner's email to the gateways: a new email is published with the commit.
        unique(email, () -> db.transaction(h -> {
            UserRow current = users.find(h, id).orElseThrow(() -> notFound(id));
            if (current.isBootstrap() && admin != null && !admin) {
                throw ApiException.conflict("the bootstrap admin stays an admin");
            }
            if (current.isBootstrap() && active != null && !active) {
                throw ApiException.conflict("the bootstrap admin cannot be disabled");
            }
            if (active != null && !active) {
                // signed-in browsers of a disabled user end now (the session check refuses them anyway)
                Sessions.endAllOf(h, id);
            }
            return users.update(h, id, email == null ? current.email() : email,
                    name == null ? current.name() : name, admin == null ? current.isAdmin() : admin,
                    active == null ? current.isActive() : active);
        }));
        LOG.info(() -> "user " + id + " updated");
        Responses.ok(req, res, view(id));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        long id = PathIds.get(req, "id", "user");
        try {
            db.transaction(h -> {
                UserRow user = users.find(h, id).orElseThrow(() -> notFound(id));
                if (user.isBootstrap()) {
                    throw ApiException.conflict("the bootstrap admin cannot be deleted");
                }
                return users.delete(h, id);
            });
        } catch (DatabaseException e) {
            if (e.isInUse()) {
                throw ApiException.conflict("user " + id + " owns Apps; delete them or give them another owner first");
            }
            throw e;
        }
        LOG.info(() -> "user " + id + " deleted");
        Responses.noContent(req, res);
    }

    private void rotateOwnKey(ServerRequest req, ServerResponse res) {
        rotate(req, res, Caller.of(req).userId());
    }

    private void rotateKey(ServerRequest req, ServerResponse res) {
        rotate(req, res, PathIds.get(req, "id", "user"));
    }

    /**
     * A new API key for user {@code id}, shown once; the old key is refused from the commit on, and
     * the UI sessions signed in with it end (a leaked key must not live on as a cookie).
     */
    private void rotate(ServerRequest req, ServerResponse res, long id) {
        Fields.onlyKnown(JsonBody.orEmpty(JsonBody.optional(req)), Set.of());
        String key = Tokens.generate(UserKeys.PREFIX);
        UserRow rotated = db.transaction(h -> {
            UserRow current = users.find(h, id).orElseThrow(() -> notFound(id));
            if (current.isBootstrap()) {
                throw ApiException.conflict("the bootstrap admin's key is STUDIO_ADMIN_KEY: change it there and restart");
            }
            Sessions.endAllOf(h, id);
            return users.replaceKey(h, id, Tokens.hash(key), key.substring(0, DISPLAY_PREFIX_LENGTH));
        });
        LOG.info(() -> "user " + id + ": API key replaced");
        Responses.ok(req, res, db.read(h -> UserView.of(rotated, GroupRepository.GROUPS_OF_USER.of(h, id))).withKey(key));
    }

    /** User {@code id} as {@code GET /api/v1/me} shows them. */
    public UserView me(long id) {
        return view(id);
    }

    private UserView view(long id) {
        return db.read(h -> UserView.of(users.find(h, id).orElseThrow(() -> notFound(id)), GroupRepository.GROUPS_OF_USER.of(h, id)));
    }

    private static String email(ObjectNode body) {
        String email = Fields.string(body, "email", 320);
        if (email != null && !EMAIL.matcher(email.strip()).matches()) {
            throw ApiException.badRequest("'email' must be an email address");
        }
        return email == null ? null : email.strip();
    }

    private static UserRow unique(String email, Supplier<UserRow> write) {
        try {
            return write.get();
        } catch (DatabaseException e) {
            if (e.isDuplicate()) {
                throw ApiException.conflict("a user with email '" + email + "' already exists");
            }
            throw e;
        }
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("user " + id + " not found");
    }
}
