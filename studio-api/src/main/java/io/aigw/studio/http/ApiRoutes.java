package io.aigw.studio.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;

import java.util.ArrayList;
import java.util.List;

/**
 * Registers admin-API routes, each with its {@link Access}, and remembers them: a route cannot be
 * added without saying who may call it, and tests can list every route there is.
 */
public final class ApiRoutes {

    private final HttpRouting.Builder routing;
    private final List<ApiRoute> recorded = new ArrayList<>();

    public ApiRoutes(HttpRouting.Builder routing) {
        this.routing = routing;
    }

    public ApiRoutes get(String path, Access access, Handler handler) {
        return add(Method.GET, path, access, handler);
    }

    public ApiRoutes post(String path, Access access, Handler handler) {
        return add(Method.POST, path, access, handler);
    }

    public ApiRoutes put(String path, Access access, Handler handler) {
        return add(Method.PUT, path, access, handler);
    }

    public ApiRoutes patch(String path, Access access, Handler handler) {
        return add(Method.PATCH, path, access, handler);
    }

    public ApiRoutes delete(String path, Access access, Handler handler) {
        return add(Method.DELETE, path, access, handler);
    }

    public List<ApiRoute> recorded() {
        return List.copyOf(recorded);
    }

    private ApiRoutes add(Method method, String path, Access access, Handler handler) {
        recorded.add(new ApiRoute(method.text(), path, access));
        routing.route(method, path, (req, res) -> {
            // Every route, not only those that read a body: one that ignores it would still drain it.
            JsonBody.checkDeclaredLength(req);
            access.check(req);
            handler.handle(req, res);
        });
        return this;
    }
}
