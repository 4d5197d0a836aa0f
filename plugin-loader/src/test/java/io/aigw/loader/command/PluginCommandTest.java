package io.aigw.loader.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PluginCommandTest {

    @Test
    void parsesEachForm() {
        assertEquals(new PluginCommand.Pf4j("io.aigw.examples.echo"), PluginCommand.parse("pf4j:io.aigw.examples.echo"));
        assertEquals(new PluginCommand.Binary(Path.of("/usr/local/bin/p")), PluginCommand.parse("file:///usr/local/bin/p"));
        assertEquals(new PluginCommand.Remote("localhost", 9000), PluginCommand.parse("grpc://localhost:9000"));
        assertEquals(new PluginCommand.Remote("[::1]", 50051), PluginCommand.parse("grpc://[::1]:50051"));
        assertEquals(Path.of("/opt/my plugin"), ((PluginCommand.Binary) PluginCommand.parse("file:///opt/my%20plugin")).path());
        assertEquals("localhost:9000", new PluginCommand.Remote("localhost", 9000).address());
    }

    /** What the control plane stores is what the launchers read back, character for character. */
    @ParameterizedTest
    @CsvSource({
            "pf4j:io.aigw.examples.echo",
            "pf4j:A-1_b.c",
            "file:///usr/local/bin/p",
            "file:///opt/my%20plugin",
            "grpc://localhost:9000",
            "grpc://127.0.0.1:1",
            "grpc://[::1]:50051",
    })
    void canonicalFormsRoundTrip(String command) {
        assertEquals(command, PluginCommand.parse(command).toString());
    }

    @Test
    void formatsAPathWithSpecialCharactersSoItParsesBack() {
        PluginCommand.Binary binary = new PluginCommand.Binary(Path.of("/opt/a b/c?d#e%f"));
        assertEquals("file:///opt/a%20b/c%3Fd%23e%25f", binary.toString());
        assertEquals(binary, PluginCommand.parse(binary.toString()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bash -c rm                     | expected pf4j:<plugin-id>, file:///absolute/path or grpc://host:port",
            "http://example.com             | expected pf4j:<plugin-id>, file:///absolute/path or grpc://host:port",
            "FILE:///usr/bin/p              | expected pf4j:<plugin-id>, file:///absolute/path or grpc://host:port",
            "pf4j:                          | the plugin id must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}",
            "pf4j:bad id                    | the plugin id must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}",
            "pf4j:-leading                  | the plugin id must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}",
            "file://relative/path           | expected file:///absolute/path",
            "file:///                       | expected file:///absolute/path",
            "file:///bin/p?x=1              | expected file:///absolute/path",
            "file:///bin/p#frag             | expected file:///absolute/path",
            "file:///bin/has space          | expected file:///absolute/path",
            "grpc://host-without-port       | expected grpc://host:port",
            "grpc://host:0                  | expected grpc://host:port",
            "grpc://host:65536              | expected grpc://host:port",
            "grpc://host:1/path             | expected grpc://host:port",
            "grpc://host:1?q                | expected grpc://host:port",
            "grpc://user@host:1             | expected grpc://host:port",
            "grpc://:1                      | expected grpc://host:port",
    })
    void refusesSayingWhatIsWrong(String command, String reason) {
        InvalidPluginCommandException e = assertThrows(InvalidPluginCommandException.class,
                () -> PluginCommand.parse(command));
        assertEquals(reason, e.reason());
        assertEquals("invalid command '" + command + "': " + reason, e.getMessage());
    }

    @Test
    void aBinaryPathIsAbsolute() {
        assertThrows(IllegalArgumentException.class, () -> new PluginCommand.Binary(Path.of("relative")));
    }
}
