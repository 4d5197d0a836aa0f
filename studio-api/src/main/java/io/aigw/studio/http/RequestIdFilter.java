package io.aigw.studio.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Picks the request id first, so every answer (401s and 404s included) carries it. */
public final class RequestIdFilter implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        RequestId id = RequestId.of(req);
        req.context().register(id);
        res.header(RequestId.HEADER, id.value());
        chain.proceed();
    }
}
