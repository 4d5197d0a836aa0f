package io.aigw.gateway.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeProtocolTest {

    @Test
    void pathsKeepTheControlPlanesPathPrefix() {
        assertEquals(URI.create("http://cp:8080/api/v1/edge/stream"),
                EdgeProtocol.resolve(URI.create("http://cp:8080/"), EdgeProtocol.STREAM_PATH));
        assertEquals(URI.create("https://example.com/studio/api/v1/edge/ack"),
                EdgeProtocol.resolve(URI.create("https://example.com/studio/"), EdgeProtocol.ACK_PATH));
    }

    @Test
    void helloIsAnEventWhoseDataNamesTheEdgeId() throws Exception {
        String[] lines = EdgeProtocol.hello("e-7").split("\n", -1);
        assertEquals("event: hello", lines[0]);
        assertTrue(lines[1].startsWith("data: "), lines[1]);
        assertEquals("e-7", new ObjectMapper().readTree(lines[1].substring(6)).path("edge_id").asText());
        assertEquals("", lines[2], "a blank line ends the event");
    }

    @Test
    void aSnapshotCarriesItsVersionAsTheEventId() {
        assertEquals("event: snapshot\nid: 42\ndata: {\"version\":42}\n\n", EdgeProtocol.snapshot(42, "{\"version\":42}"));
        assertTrue(EdgeProtocol.HEARTBEAT.startsWith(":"), "a comment, which SSE clients skip");
    }

    @Test
    void edgeNamesAreShortPlainTokens() {
        assertTrue(EdgeProtocol.NAME.matcher("edge-1.eu_west").matches());
        assertFalse(EdgeProtocol.NAME.matcher("edge 1").matches());
        assertFalse(EdgeProtocol.NAME.matcher("x".repeat(65)).matches());
        assertFalse(EdgeProtocol.NAME.matcher("").matches());
    }
}
