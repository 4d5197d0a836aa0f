package io.aigw.studio.users;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.gateway.auth.Tokens;
import io.aigw.studio.auth.Caller;
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

/** {@code /api/v1/users} (admins) and {@code /api/v1/me} (anyone signed in). */
public final class UserService implements ApiFeature {

    private static final Logger LOG = Logger.getLogger(UserService.class.getName());
    // (?U): no Unicode white space either; the database checks the address with its own \s, and a
    // value it refused would surface as a 500 instead of this 400.
    private static final Pattern EMAIL = Pattern.compile("(?U)[^@\\s]+@[^@\\s]+");
    private static final Set<String> KNOWN = Set.of("email", "name", "is_admin", "id", "created_at", "updated_at");
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
                .delete("/api/v1/users/{id}", Access.ADMIN, this::delete);
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
        String key = Tokens.generate(UserKeys.PREFIX);
        UserRow created = unique(email, () -> db.transaction(h -> users.insert(h, email, name == null ? "" : name,
                admin != null && admin, Tokens.hash(key), key.substring(0, DISPLAY_PREFIX_LENGTH))));
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
        // Apps carry their owner's email to the gateways: a new email is published with the commit.
        unique(email, () -> db.transaction(h -> {
            UserRow current = users.find(h, id).orElseThrow(() -> notFound(id));
            if (current.isBootstrap() && admin != null && !admin) {
                throw ApiException.conflict("the bootstrap admin stays an admin");
            }
            return users.update(h, id, email == null ? current.email() : email,
                    name == null ? current.name() : name, admin == null ? current.isAdmin() : admin);
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
