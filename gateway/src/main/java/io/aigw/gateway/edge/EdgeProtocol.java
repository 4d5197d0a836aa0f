package io.aigw.gateway.edge;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Hybrid mode's wire protocol between an edge ({@link ControlPlaneClient}) and the control plane
 * (its edge service): every literal both sides must agree on.
 *
 * <ul>
 *   <li>{@code GET} {@link #STREAM_PATH}{@code ?since=<version>} with {@code Authorization: Bearer
 *       <edge secret>} and {@link #NAME_HEADER}; {@code since} is the config version the edge
 *       holds ({@code -1}: none). The answer is server-sent events: {@link #HELLO_EVENT} with
 *       {@code {"edge_id": ..., "version": <the control plane's>}}; then a {@link #SNAPSHOT_EVENT}
 *       (a full snapshot, {@code id:} its version) if the edge holds nothing, or a version the
 *       control plane can no longer send the changes since; then a {@link #DELTA_EVENT} per change
 *       ({@code id:} the version it leads to; data: {@code SnapshotJson}'s delta form, with
 *       {@code from} and {@code to}), and {@link #HEARTBEAT} comments while nothing changes.
 *       Without {@code since} (an edge from before deltas) every change comes as a whole
 *       snapshot, as it used to;</li>
 *   <li>{@code POST} {@link #ACK_PATH} {@code {"edge_id": ..., "version": ...}} once a snapshot or
 *       delta is served;</li>
 *   <li>the plugin store of the edge's plugins, kept by the control plane: under
 *       {@link #STORE_PATH}{@code <plugin id>/}, {@code GET|PUT|DELETE value?key=} (get: 200 with the
 *       bytes, 204 when there is no value; put: the raw value as the body, 204; delete: {@code
 *       {"deleted": bool}}), {@code GET keys?prefix=&after=&limit=} ({@code {"keys": [...], "next"}})
 *       and {@code GET entries?...} ({@code {"entries": [{"key", "value" (base64)}], "next"}}). A
 *       refused call is {@code {"error", "store_error"}} with {@link #STORE_INVALID_KEY} (400),
 *       {@link #STORE_LIMIT_EXCEEDED} (413) or {@link #STORE_UNAVAILABLE} (503).</li>
 * </ul>
 * Versions are the positions of the shared change log, the same on every control plane of one
 * database, so an edge can take up with another control plane where it left off with the first.
 */
public final class EdgeProtocol {

    /** Every edge route; the control plane authenticates them with the edge secret, not API keys. */
    public static final String PATH_PREFIX = "/api/v1/edge/";
    public static final String STREAM_PATH = PATH_PREFIX + "stream";
    public static final String ACK_PATH = PATH_PREFIX + "ack";
    public static final String NAME_HEADER = "X-Edge-Name";
    /** Where the plugin store of plugin {@code <id>} is reached: {@code STORE_PATH + id + "/value"}, ... */
    public static final String STORE_PATH = PATH_PREFIX + "plugin-store/";
    public static final String STORE_VALUE = "value";
    public static final String STORE_KEYS = "keys";
    public static final String STORE_ENTRIES = "entries";
    /** The error field that says which {@code PluginStoreException} a refused store call is. */
    public static final String STORE_ERROR = "store_error";
    public static final String STORE_INVALID_KEY = "invalid_key";
    public static final String STORE_LIMIT_EXCEEDED = "limit_exceeded";
    public static final String STORE_UNAVAILABLE = "unavailable";
    /** What an edge's name may be: it is shown to admins and logged. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    public static final String EVENT_STREAM = "text/event-stream";
    public static final String HELLO_EVENT = "hello";
    public static final String SNAPSHOT_EVENT = "snapshot";
    public static final String DELTA_EVENT = "delta";
    /** The query parameter naming the version an edge holds. */
    public static final String SINCE = "since";
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

    /** The hello event, also naming the version the control plane has published. */
    public static String hello(String edgeId, long version) {
        return "event: " + HELLO_EVENT + "\ndata: {\"" + EDGE_ID + "\":\"" + edgeId + "\",\"" + VERSION + "\":"
                + version + "}\n\n";
    }

    /** What precedes a snapshot's JSON in its event (for writing a large one straight to the stream). */
    public static String snapshotHead(long version) {
        return "event: " + SNAPSHOT_EVENT + "\nid: " + version + "\ndata: ";
    }

    /** A delta event: the version it leads to as the event id, its JSON (one line) as the data. */
    public static String delta(long to, String json) {
        return "event: " + DELTA_EVENT + "\nid: " + to + "\ndata: " + json + "\n\n";
    }

    /** The stream path asking for what changed after {@code since} ({@code -1}: everything). */
    public static String streamPath(long since) {
        return STREAM_PATH + "?" + SINCE + "=" + since;
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
