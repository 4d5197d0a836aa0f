package io.aigw.studio.http;

/** A feature's admin-API routes. */
public interface ApiFeature {
    void routes(ApiRoutes routes);
}
