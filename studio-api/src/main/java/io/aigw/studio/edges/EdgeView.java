package io.aigw.studio.edges;

/**
 * A connected edge as {@code GET /api/v1/edges} shows it.
 *
 * @param snapshotVersion the version the edge acknowledged applying (what it serves); null until
 *                        its first acknowledgement
 * @param sentVersion     the latest version pushed to it
 */
public record EdgeView(String id, String name, String address, String connectedAt, Long sentVersion,
                       Long snapshotVersion, String snapshotAppliedAt) {
}
