package io.aigw.studio.resources;

import io.aigw.studio.testing.HttpResult;
import io.aigw.studio.testing.TestSystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link KnowledgeBasesContract} with the example's external binary ({@code knowledge-bases-plugin},
 * the build's launcher), registered through the API as {@code file://}: its own process, reaching
 * its plugin store over the host-services channel. It is started through a wrapper that refuses to
 * start while a {@code down} file exists, so a killed process stays down for as long as a test needs.
 */
class ExternalKnowledgeBasesTest extends KnowledgeBasesContract {

    private Path down;

    @Override
    long install(TestSystem system, String name) throws IOException {
        Path launcher = Path.of(System.getProperty("kb.launcher")).toAbsolutePath().normalize();
        Path dir = Files.createDirectories(system.dataDir().resolveSibling("bin-" + name));
        down = dir.getParent().resolve("knowledge-bases-down");
        Path wrapper = dir.resolve("knowledge-bases-plugin");
        Files.writeString(wrapper, "#!/bin/sh\n"
                + "if [ -e '" + down + "' ]; then echo 'kept down by the test' >&2; exit 1; fi\n"
                + "exec '" + launcher + "' \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        // the manifest beside the binary, where the control plane reads its resource types
        Files.copy(launcher.resolveSibling(launcher.getFileName() + ".json"),
                dir.resolve("knowledge-bases-plugin.json"));
        HttpResult created = system.admin().post("/api/v1/plugins", Map.of("name", name,
                "command", "file://" + wrapper, "hook_type", "resource_provider",
                "hook_types", List.of("resource_provider"),
                "config", Map.of("max_per_app", String.valueOf(MAX_PER_APP), "default_region", "eu")));
        assertEquals(201, created.status(), created.toString());
        return created.id();
    }

    /** kill -9 of the plugin's process, which the supervisor cannot start again while {@code down} exists. */
    @Override
    void stopProvider() throws IOException {
        long pid = system.admin().get("/api/v1/plugins/" + pluginId).json().path("status").path("pid").asLong();
        assertTrue(pid > 0, "a process serves the plugin");
        Files.createFile(down);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        assertTrue(TestSystem.await(WAIT, () -> system.admin().get(instances(pluginId, KB)).status() == 503),
                "the provider is gone");
    }

    @Override
    void startProvider() throws IOException {
        Files.deleteIfExists(down);
    }
}
