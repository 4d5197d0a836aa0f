package io.aigw.runtime;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandshakeTest {

    @Test
    void parsesTcpAndUnixLines() {
        Handshake tcp = Handshake.parse("AIGW_PLUGIN|1|tcp|127.0.0.1:40123\n");
        assertEquals(new Handshake(1, Handshake.Network.TCP, "127.0.0.1:40123"), tcp);
        assertEquals("AIGW_PLUGIN|1|tcp|127.0.0.1:40123", tcp.line());
        assertEquals(Handshake.Network.UNIX, Handshake.parse("AIGW_PLUGIN|1|unix|/tmp/p.sock").network());
    }

    @Test
    void refusesWhatIsNoHandshake() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Handshake.parse("HTTP/1.1 200 OK"))
                .getMessage().contains("expected 'AIGW_PLUGIN|"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Handshake.parse("AIGW_PLUGIN|2|tcp|h:1"))
                .getMessage().contains("version 2"));
        assertThrows(IllegalArgumentException.class, () -> Handshake.parse("AIGW_PLUGIN|1|udp|h:1"));
        assertThrows(IllegalArgumentException.class, () -> Handshake.parse("AIGW_PLUGIN|x|tcp|h:1"));
        assertThrows(IllegalArgumentException.class, () -> Handshake.parse("AIGW_PLUGIN|1|tcp|"));
    }

    @Test
    void theRuntimeRefusesToRunWithoutTheMagicCookie() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ExternalPluginMain.run(Map.of(), new PrintStream(out), new PrintStream(err));
        assertEquals(1, code);
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no handshake line");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("started by the gateway"));

        code = ExternalPluginMain.run(Map.of(Handshake.MAGIC_COOKIE_KEY, Handshake.MAGIC_COOKIE_VALUE,
                Handshake.PROTOCOL_VERSIONS_KEY, "7,8"), new PrintStream(out), new PrintStream(err));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("speaks 1"));
    }
}
