package io.aigw.studio.edges;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.gateway.auth.Bearer;
import io.aigw.gateway.edge.EdgeProtocol;
import io.aigw.studio.http.Access;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.ApiFeature;
import io.aigw.studio.http.ApiRoutes;
import io.aigw.studio.http.Fields;
import io.aigw.studio.http.JsonBody;
import io.aigw.studio.http.Responses;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Hybrid deployment: edges hold {@code GET /api/v1/edge/stream} open and are pushed every new
 * snapshot as a server-sent event ({@code event: snapshot}, {@code id: <version>}, the snapshot
 * JSON as data); they acknowledge what they applied with {@code POST /api/v1/edge/ack}. Both
 * authenticate with the edge secret. {@code GET /api/v1/edges} lists connected edges for admins.
 */
public final class EdgeService implements ApiFeature {

    private static final Logger LOG = Logger.getLogger(EdgeService.class.getName());

    private final EdgeHub hub;
    private final EdgeSecret secret;
    private final Duration heartbeat;

    public EdgeService(EdgeHub hub, EdgeSecret secret, Duration heartbeat) {
        this.hub = hub;
        this.secret = secret;
        this.heartbeat = heartbeat;
    }

    @Override
    public void routes(ApiRoutes r) {
        r.get("/api/v1/edges", Access.ADMIN, (req, res) -> Responses.ok(req, res, hub.list()))
                .get(EdgeProtocol.STREAM_PATH, Access.EDGE, this::stream)
                .post(EdgeProtocol.ACK_PATH, Access.EDGE, this::ack);
    }

    private void stream(ServerRequest req, ServerResponse res) {
        authenticate(req);
        String name = req.headers().first(HeaderNames.create(EdgeProtocol.NAME_HEADER)).orElse("");
        if (!EdgeProtocol.NAME.matcher(name).matches()) {
            throw ApiException.badRequest("header " + EdgeProtocol.NAME_HEADER + " must be 1-64 letters, digits, '.', '_' or '-'");
        }
        String address = req.remotePeer().address() instanceof InetSocketAddress peer
                ? peer.getHostString() + ":" + peer.getPort() : String.valueOf(req.remotePeer().address());
        EdgeConnection edge = hub.connect(name, address);
        LOG.info(() -> "edge '" + name + "' connected from " + address + " as " + edge.id());
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, EdgeProtocol.EVENT_STREAM);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        try (OutputStream out = res.outputStream()) {
            write(out, EdgeProtocol.hello(edge.id()));
            while (!hub.closed()) {
                var current = hub.current();
                if (current.isPresent() && current.get().version() > edge.sentVersion()) {
                    write(out, EdgeProtocol.snapshot(current.get().version(), current.get().json()));
                    edge.sent(current.get().version());
                    continue;
                }
                edge.await(heartbeat.toMillis());
                if (hub.current().map(p -> p.version() <= edge.sentVersion()).orElse(true)) {
                    write(out, EdgeProtocol.HEARTBEAT);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the edge went away (Helidon reports that as a ServerConnectionException on write)
            LOG.fine(() -> "edge stream " + edge.id() + " ended: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.disconnect(edge);
            LOG.info(() -> "edge '" + name + "' (" + edge.id() + ") disconnected");
        }
    }

    private void ack(ServerRequest req, ServerResponse res) {
        authenticate(req);
        ObjectNode body = JsonBody.required(req);
        Fields.onlyKnown(body, Set.of(EdgeProtocol.EDGE_ID, EdgeProtocol.VERSION));
        String id = Fields.string(body, EdgeProtocol.EDGE_ID, 64);
        Long version = Fields.id(body, EdgeProtocol.VERSION);
        if (id == null || version == null) {
            throw ApiException.badRequest("'" + EdgeProtocol.EDGE_ID + "' and '" + EdgeProtocol.VERSION
                    + "' are required");
        }
        if (!hub.ack(id, version)) {
            throw ApiException.notFound("edge " + id + " is not connected");
        }
        Responses.noContent(req, res);
    }

    private void authenticate(ServerRequest req) {
        String presented = Bearer.token(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
        if (presented == null || !secret.verify(presented)) {
            throw new ApiException(401, secret.enabled() ? "invalid edge secret"
                    : "edge connections are disabled: set STUDIO_EDGE_SECRET on the control plane");
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
