package io.aigw.studio.edges;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aigw.gateway.config.ConfigDelta;
import io.aigw.gateway.config.ConfigState;
import io.aigw.gateway.config.SnapshotJson;
import io.aigw.gateway.edge.EdgeProtocol;
import io.aigw.studio.http.Access;
import io.aigw.studio.http.ApiException;
import io.aigw.studio.http.ApiFeature;
import io.aigw.studio.http.ApiRoutes;
import io.aigw.studio.http.Fields;
import io.aigw.studio.http.JsonBody;
import io.aigw.studio.http.Responses;
import io.aigw.studio.publish.Publisher;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Hybrid deployment: edges hold {@code GET /api/v1/edge/stream?since=<version>} open and are
 * pushed every change as a server-sent event ({@link EdgeProtocol}): the deltas after the
 * version they hold, or a whole snapshot when they hold none or one the change log no longer
 * reaches back to. They acknowledge what they applied with {@code POST /api/v1/edge/ack}. Both
 * authenticate with the edge secret. {@code GET /api/v1/edges} lists this control plane's
 * connected edges for admins.
 *
 * <p>An edge without {@code since} (from before deltas) is sent a whole snapshot per change, as
 * before; that costs O(all) per change and edge, so only for edges not yet upgraded.
 */
public final class EdgeService implements ApiFeature {

    private static final Logger LOG = Logger.getLogger(EdgeService.class.getName());

    private final EdgeHub hub;
    private final Publisher publisher;
    private final EdgeSecret secret;
    private final Duration heartbeat;

    public EdgeService(EdgeHub hub, Publisher publisher, EdgeSecret secret, Duration heartbeat) {
        this.hub = hub;
        this.publisher = publisher;
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
        Long since = since(req);
        String address = req.remotePeer().address() instanceof InetSocketAddress peer
                ? peer.getHostString() + ":" + peer.getPort() : String.valueOf(req.remotePeer().address());
        if (since != null && since > hub.version()) {
            publisher.catchUp(); // it holds what another control plane published and this one not yet
        }
        EdgeConnection edge = hub.connect(name, address, since == null ? -1 : since);
        LOG.info(() -> "edge '" + name + "' connected from " + address + " as " + edge.id()
                + (since == null ? " (whole snapshots)" : since < 0 ? " holding nothing" : " holding version " + since));
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, EdgeProtocol.EVENT_STREAM);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        try (CountingOutputStream out = new CountingOutputStream(res.outputStream())) {
            write(out, EdgeProtocol.hello(edge.id(), hub.version()));
            Feed feed = new Feed(edge, out, since == null);
            if (since != null && since > hub.version()) {
                // a version this database never reached (restored, or another one): start over
                feed.snapshot();
            }
            while (!hub.closed()) {
                if (feed.sendWhatIsNew()) {
                    continue;
                }
                edge.await(heartbeat.toMillis());
                if (hub.version() <= edge.sentVersion()) {
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

    /** What one edge is sent next. */
    private final class Feed {

        private final EdgeConnection edge;
        private final CountingOutputStream out;
        private final boolean wholeOnly;

        Feed(EdgeConnection edge, CountingOutputStream out, boolean wholeOnly) {
            this.edge = edge;
            this.out = out;
            this.wholeOnly = wholeOnly;
        }

        /** Sends what the edge misses, if anything; false when it is up to date. */
        boolean sendWhatIsNew() throws IOException {
            long sent = edge.sentVersion();
            long published = hub.version();
            if (published < 0) {
                return false; // nothing published yet
            }
            if (sent < 0 || (wholeOnly && published > sent)) {
                return snapshot();
            }
            if (published <= sent) {
                return false;
            }
            List<EdgeHub.Published> recent = hub.after(sent);
            if (recent != null) {
                for (EdgeHub.Published p : recent) {
                    delta(p.to(), p.json());
                }
                return true;
            }
            // further behind than the recent window: the changes since, from the log, else whole
            Optional<ConfigDelta> fromLog = publisher.deltaSince(sent);
            if (fromLog.isPresent()) {
                delta(fromLog.get().to(), SnapshotJson.writeDelta(fromLog.get()));
                return true;
            }
            return snapshot();
        }

        boolean snapshot() throws IOException {
            ConfigState state = publisher.state();
            if (state.version() < 0) {
                return false;
            }
            long before = out.count();
            out.write(EdgeProtocol.snapshotHead(state.version()).getBytes(StandardCharsets.UTF_8));
            SnapshotJson.write(state.toSnapshot(), out);
            out.write("\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            edge.sentSnapshot(state.version(), out.count() - before);
            return true;
        }

        private void delta(long to, String json) throws IOException {
            long before = out.count();
            write(out, EdgeProtocol.delta(to, json));
            edge.sentDelta(to, out.count() - before);
        }
    }

    private static Long since(ServerRequest req) {
        var value = req.query().first(EdgeProtocol.SINCE);
        if (value.isEmpty()) {
            return null;
        }
        try {
            long since = Long.parseLong(value.get());
            if (since < -1) {
                throw new NumberFormatException();
            }
            return since;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + EdgeProtocol.SINCE + "' must be a config version, or -1 for none");
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
        secret.authenticate(req);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
