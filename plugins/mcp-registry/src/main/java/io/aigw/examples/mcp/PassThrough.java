package io.aigw.examples.mcp;

import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.Headers;
import io.aigw.plugin.api.RequestContext;
import io.aigw.plugin.api.ResponseStream;
import io.aigw.plugin.api.StreamCancelledException;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Optional;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * {@code /servers/{id}/mcp}: a transparent pipe to one upstream MCP server. The request goes up
 * with MCP's headers only (plus the server's own auth header), the answer comes back with its
 * status and MCP's headers; an SSE answer is relayed event by event as each one completes, anything
 * else as its bytes arrive. Protocol-agnostic: sessions, {@code Last-Event-ID} resumption and the
 * 2026-07-28 request headers are the client's and the upstream's business.
 */
final class PassThrough {

    private static final int CHUNK = 16 * 1024;

    private final Upstream upstream;
    private final Credentials credentials;

    PassThrough(Upstream upstream, Credentials credentials) {
        this.upstream = upstream;
        this.credentials = credentials;
    }

    void serve(RequestContext ctx, EndpointRequest request, ResponseStream stream, McpServer server)
            throws IOException {
        Optional<String> auth;
        try {
            auth = credentials.of(server);
        } catch (Credentials.UnavailableException e) {
            Answers.error(stream, 503, e.getMessage());
            return;
        }
        HttpResponse<InputStream> response;
        try {
            response = upstream.send(server, request.method(), request.queryString(), request.headers(),
                    request.body(), auth);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the client went away: the JDK cancelled the send
            return;
        } catch (IllegalArgumentException e) {
            Answers.error(stream, 400, "the request carries a header the upstream cannot be sent");
            return;
        } catch (IOException e) {
            if (ctx.isCancelled()) {
                return;
            }
            String reason = Upstream.reason(e);
            ctx.logger().log(WARNING, "MCP server {0} ({1}) unreachable: {2}", server.id(), server.url().getHost(),
                    reason);
            Answers.error(stream, 502, "MCP server '" + server.name() + "' is unreachable (" + reason + ")");
            return;
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 401 || status == 407) {
                // the gateway's credential for the upstream, not the client's token: a 401 would make
                // the client think its own token is bad (and maybe start an OAuth dance with us)
                ctx.logger().log(WARNING, "MCP server {0} refused the gateway''s credential ({1})", server.id(), status);
                Answers.error(stream, 502, "MCP server '" + server.name() + "' refused the gateway's credential");
                return;
            }
            Headers.Builder headers = Headers.builder();
            response.headers().map().forEach((name, values) -> {
                if (McpHeaders.toClient(name)) {
                    values.forEach(v -> headers.add(name, v));
                }
            });
            String type = response.headers().firstValue("Content-Type").orElse(null);
            stream.sendHeaders(status, headers.build());
            if (McpHeaders.isEventStream(type)) {
                SseReader events = new SseReader(body);
                for (byte[] event = events.next(); event != null; event = events.next()) {
                    stream.sendBody(event);
                }
            } else {
                byte[] buffer = new byte[CHUNK];
                for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                    if (n > 0) {
                        stream.sendBody(Arrays.copyOf(buffer, n));
                    }
                }
            }
            stream.done();
        } catch (StreamCancelledException e) {
            // the client went away; closing the body (try-with-resources) ends the upstream request
            ctx.logger().log(INFO, "client left MCP server {0}''s stream; upstream request closed", server.id());
        } catch (IOException e) {
            if (ctx.isCancelled() || Thread.currentThread().isInterrupted()) {
                return;
            }
            ctx.logger().log(WARNING, "MCP server {0}''s answer broke off: {1}", server.id(), Upstream.reason(e));
            if (!stream.isFinished()) {
                stream.error("the upstream's answer broke off");
            }
        }
    }
}
