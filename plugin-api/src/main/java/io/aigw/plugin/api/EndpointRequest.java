package io.aigw.plugin.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A request routed to a plugin endpoint.
 *
 * @param method        HTTP method, upper case
 * @param path          full decoded request path, e.g. {@code /plugins/my-mcp/users/123}
 * @param relativePath  path below the slug, e.g. {@code /users/123}; {@code /} at the root
 * @param pathSegments  the relative path split on {@code /}, each segment decoded, empty ones dropped
 * @param headers       request headers, multi-valued; a token the gateway consumed is removed
 * @param body          request body, never null
 * @param queryString   raw query string without {@code ?}; a consumed {@code token} is removed
 * @param remoteAddr    client IP address
 * @param host          request {@code Host} header
 * @param protocol      {@code http}
 * @param context       request id and metadata
 * @param authenticated whether the gateway validated a token for this request
 * @param app           the token's App when authenticated, else null
 * @param scopes        the token's scopes when authenticated, else empty
 */
public record EndpointRequest(String method, String path, String relativePath, List<String> pathSegments,
                              Headers headers, byte[] body, String queryString, String remoteAddr,
                              String host, String protocol, RequestMetadata context,
                              boolean authenticated, App app, List<String> scopes) {

    public EndpointRequest {
        Objects.requireNonNull(method, "method");
        pathSegments = pathSegments == null ? List.of() : List.copyOf(pathSegments);
        headers = headers == null ? Headers.empty() : headers;
        body = body == null ? new byte[0] : body;
        queryString = queryString == null ? "" : queryString;
        remoteAddr = remoteAddr == null ? "" : remoteAddr;
        host = host == null ? "" : host;
        protocol = protocol == null ? "http" : protocol;
        context = context == null ? RequestMetadata.EMPTY : context;
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** The first value of a request header, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
