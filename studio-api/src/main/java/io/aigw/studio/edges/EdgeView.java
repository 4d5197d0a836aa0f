package io.aigw.studio.edges;

/**
 * A connected edge as {@code GET /api/v1/edges} shows it.
 *
 * @param connectedVersion   the version the edge said it held when it connected; null if none
 * @param sentVersion        the latest version sent to it (or that it held when it connected)
 * @param snapshotVersion    the version the edge acknowledged applying (what it serves); null
 *                           until its first acknowledgement
 * @param snapshotsSent      whole snapshots sent on this connection, and their bytes
 * @param deltasSent         deltas sent on this connection, and their bytes (event framing included)
 */
public record EdgeView(String id, String name, String address, String connectedAt, Long connectedVersion,
                       Long sentVersion, Long snapshotVersion, String snapshotAppliedAt, long snapshotsSent,
                       long snapshotBytesSent, long deltasSent, long deltaBytesSent) {
}
