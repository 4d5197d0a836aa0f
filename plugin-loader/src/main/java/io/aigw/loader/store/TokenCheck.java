package io.aigw.loader.store;

import io.aigw.runtime.HostStoreClient;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Admits a host-services call only with the token of an open session, and hands the service that
 * session: the plugin is who its token says, whatever the request names.
 */
final class TokenCheck implements ServerInterceptor {

    static final Context.Key<HostServices.Session> SESSION = Context.key("aigw-host-services-session");

    private final HostServices services;

    TokenCheck(HostServices services) {
        this.services = services;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String authorization = headers.get(HostStoreClient.AUTHORIZATION);
        String token = authorization != null && authorization.startsWith(HostStoreClient.BEARER)
                ? authorization.substring(HostStoreClient.BEARER.length()) : null;
        HostServices.Session session = services.session(token);
        if (session == null) {
            call.close(Status.UNAUTHENTICATED.withDescription(token == null
                    ? "no host-services token (send authorization: Bearer <token from InitializeRequest>)"
                    : "unknown or revoked host-services token"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return Contexts.interceptCall(Context.current().withValue(SESSION, session), call, headers, next);
    }
}
