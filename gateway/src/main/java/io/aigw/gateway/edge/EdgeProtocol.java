package io.aigw.gateway.edge;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Hybrid mode's wire protocol between an edge ({@link ControlPlaneClient}) and the control plane
 * (its edge service): every literal both sides must agree on.
 *
 * <ul>
 *   <li>{@code GET} {@link #STREAM_PATH} with {@code Authorization: Bearer <edge secret>} and
 *       {@link #NAME_HEADER}; the answer is server-sent events: {@link #HELLO_EVENT} with
 *       {@code {"edge_id": ...}}, then a {@link #SNAPSHOT_EVENT} per new snapshot ({@code id:} its
 *       version, the snapshot JSON as data), and {@link #HEARTBEAT} comments while nothing changes;</li>
 *   <li>{@code POST} {@link #ACK_PATH} {@code {"edge_id": ..., "version": ...}} once a snapshot is
 *       served.</li>
 * </ul>
 */
public final class EdgeProtocol {

    /** Every edge route; the control plane authenticates them with the edge secret, not API keys. */
    public static final String PATH_PREFIX = "/api/v1/edge/";
    public static final String STREAM_PATH = PATH_PREFIX + "stream";
    public static final String ACK_PATH = PATH_PREFIX + "ack";
    public static final String NAME_HEADER = "X-Edge-Name";
    /** What an edge's name may be: it is shown to admins and logged. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final String EVENT_STREAM = "text/event-stream";
    public static final String HELLO_EVENT = "hello";
    public static final String SNAPSHOT_EVENT = "snapshot";
    /** How a vanished edge is noticed while nothing changes (an SSE comment: clients ignore it). */
    public static final String HEARTBEAT = ": heartbeat\n\n";
    public static final String EDGE_ID = "edge_id";
    public static final String VERSION = "version";

    private EdgeProtocol() {
    }

    /** The hello event that opens a stream, naming the id the control plane gave this connection. */
    public static String hello(String edgeId) {
        return "event: " + HELLO_EVENT + "\ndata: {\"" + EDGE_ID + "\":\"" + edgeId + "\"}\n\n";
    }

    /** A snapshot event: its version as the event id, its JSON (one line) as the data. */
    public static String snapshot(long version, String json) {
        return "event: " + SNAPSHOT_EVENT + "\nid: " + version + "\ndata: " + json + "\n\n";
    }

    /** {@code path} on the control plane at {@code base}, keeping any path prefix the base has. */
    static URI resolve(URI base, String path) {
        return base.resolve(path.substring(1));
    }
}
