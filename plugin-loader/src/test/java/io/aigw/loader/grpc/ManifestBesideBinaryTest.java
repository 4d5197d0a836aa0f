package io.aigw.loader.grpc;

import io.aigw.loader.host.LoadedPlugin;
import io.aigw.loader.host.PluginLoadException;
import io.aigw.loader.host.PluginSpec;
import io.aigw.plugin.api.BasicPluginContext;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.runtime.Handshake;
import io.aigw.runtime.PluginServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manifest beside an external binary ({@code <binary>.json}): an invalid one fails the load
 * before anything is started, naming the file and the reason; a valid one supplies the version
 * when the plugin's Initialize reports none.
 */
class ManifestBesideBinaryTest {

    final ExternalPluginLauncher launcher = new ExternalPluginLauncher(
            ExternalPluginSettings.defaults(Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 20));

    @TempDir
    Path dir;

    static final CustomEndpointHandler PLUGIN = () -> List.of(EndpointRegistration.builder("/*").build());

    @Test
    void anInvalidManifestFailsTheLoadNamingTheFileAndTheReason() throws Exception {
        Path binary = script("my-plugin", "touch started; sleep 60");
        Path manifest = dir.resolve("my-plugin.json");

        Files.writeString(manifest, "{\"id\": \"my-plugin\", \"name\": \"Mine\"}");
        PluginLoadException missingVersion = assertThrows(PluginLoadException.class, () -> launch(binary));
        assertEquals("invalid manifest " + manifest + ": manifest field 'version' is missing or not a string",
                missingVersion.getMessage());

        Files.writeString(manifest, "{\"id\": \"my-plugin\", ");
        PluginLoadException malformed = assertThrows(PluginLoadException.class, () -> launch(binary));
        assertTrue(malformed.getMessage().startsWith("invalid manifest " + manifest + ": malformed JSON"),
                malformed.getMessage());

        Files.delete(manifest);
        Files.createDirectory(manifest);
        PluginLoadException unreadable = assertThrows(PluginLoadException.class, () -> launch(binary));
        assertTrue(unreadable.getMessage().startsWith("cannot read manifest " + manifest + ": "),
                unreadable.getMessage());

        assertFalse(Files.exists(dir.resolve("started")), "the binary was never started");
    }

    @Test
    void aValidManifestSuppliesTheVersionWhenInitializeReportsNone() throws Exception {
        try (PluginServer server = PluginServer.start(PLUGIN, "", Handshake.Network.TCP, null, 1 << 20, () -> { })) {
            Path binary = handshakeOnly("versionless", server);
            manifest("versionless", "3.1.4");
            assertEquals("3.1.4", initializedVersion(binary));
        }
    }

    @Test
    void theVersionInitializeReportsWinsAndNoManifestIsFine() throws Exception {
        try (PluginServer server = PluginServer.start(PLUGIN, "2.0", Handshake.Network.TCP, null, 1 << 20,
                () -> { })) {
            Path binary = handshakeOnly("versioned", server);
            assertEquals("2.0", initializedVersion(binary), "no manifest");
            manifest("versioned", "3.1.4");
            assertEquals("2.0", initializedVersion(binary), "Initialize's version first");
        }
    }

    private String initializedVersion(Path binary) throws Exception {
        LoadedPlugin loaded = launch(binary);
        try {
            loaded.plugin().initialize(BasicPluginContext.named("t"), Map.of());
            return loaded.version();
        } finally {
            loaded.close();
        }
    }

    private LoadedPlugin launch(Path binary) throws PluginLoadException {
        return launcher.launch(new PluginSpec(1, "t", "file://" + binary, Map.of()));
    }

    /** A "binary" that hands the gateway to {@code server}: prints its handshake, waits for stdin's end. */
    private Path handshakeOnly(String name, PluginServer server) throws IOException {
        return script(name, "echo '" + server.handshake().line() + "'; exec cat >/dev/null");
    }

    private void manifest(String binaryName, String version) throws IOException {
        Files.writeString(dir.resolve(binaryName + ".json"), """
                {"id": "%s", "name": "Test", "version": "%s",
                 "capabilities": {"hooks": ["custom_endpoint"], "primary_hook": "custom_endpoint"}}
                """.formatted(binaryName, version));
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\ncd \"$(dirname \"$0\")\"\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
