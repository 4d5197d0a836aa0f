package io.aigw.studio.http;

/** One registered admin-API route, as the authorization matrix test enumerates them. */
public record ApiRoute(String method, String path, Access access) {
}
