package io.aigw.examples.mcp;

import io.aigw.plugin.api.Headers;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP to upstream MCP servers, with the JDK's {@link HttpClient}: blocking sends on the request's
 * virtual thread, the response body read as it arrives ({@code ofInputStream}), so an SSE stream is
 * relayed event by event. Interrupting the thread (the gateway does when the client goes away)
 * cancels a send in flight, and closing the body closes the upstream request. No redirects are
 * followed: an upstream that moved must be registered again, not followed somewhere else with the
 * gateway's credential.
 */
final class Upstream implements AutoCloseable {

    private final HttpClient client;

    Upstream(Duration connectTimeout) {
        client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends one request to {@code server}.
     *
     * @param query   the client's query string to append, or empty
     * @param headers the client's headers; only MCP's cross ({@link McpHeaders#toUpstream})
     * @param auth    the value of the server's auth header, when it has one
     */
    HttpResponse<InputStream> send(McpServer server, String method, String query, Headers headers, byte[] body,
                                   Optional<String> auth) throws IOException, InterruptedException {
        return send(server, method, query, headers, body, auth, null);
    }

    /** {@link #send} with a limit on waiting for the answer's headers (null: none but the client's patience). */
    HttpResponse<InputStream> send(McpServer server, String method, String query, Headers headers, byte[] body,
                                   Optional<String> auth, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(target(server.url(), query))
                .version("https".equalsIgnoreCase(server.url().getScheme())
                        ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .method(method, body.length == 0 && !method.equals("POST")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Headers.Header h : headers) {
            if (McpHeaders.toUpstream(h.name())) {
                h.values().forEach(v -> b.header(h.name(), v));
            }
        }
        if (server.auth() instanceof UpstreamAuth.StaticHeader h && auth.isPresent()) {
            b.setHeader(h.headerName(), auth.get());
        }
        if (timeout != null) {
            b.timeout(timeout);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Why a send failed, for the client: never the upstream's internals. */
    static String reason(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connecting timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return "connection refused";
        }
        if (e.getCause() instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("closed") || m.contains("reset") ? "connection closed" : "I/O error";
    }

    private static URI target(URI url, String query) {
        if (query == null || query.isEmpty()) {
            return url;
        }
        String s = url.toString();
        return URI.create(s + (url.getRawQuery() == null ? "?" : "&") + query);
    }

    @Override
    public void close() {
        client.close();
    }
}
