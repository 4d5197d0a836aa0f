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

/**
 * The resource provider contract with {@link CatalogPlugin} as an external process: a launcher
 * serving it from this test's class path over gRPC, its manifest beside it, registered by API.
 */
class ExternalResourceProviderTest extends ResourceProviderContract {

    @Override
    long install(TestSystem system, Path stateDir) throws IOException {
        Path dir = Files.createDirectories(system.dataDir().resolveSibling("catalog-bin"));
        Path services = Files.createDirectories(dir.resolve("classes/META-INF/services"));
        Files.writeString(services.resolve("io.aigw.plugin.api.Plugin"), CatalogPlugin.class.getName() + "\n");
        Path launcher = dir.resolve("catalog-plugin");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -Xlog:disable -Xlog:all=warning:stderr "
                + "-XX:+DisplayVMOutputToStderr -cp '"
                + dir.resolve("classes") + ":" + System.getProperty("java.class.path")
                + "' io.aigw.runtime.ExternalPluginMain \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(launcher.resolveSibling("catalog-plugin.json"), manifest(stateDir));
        HttpResult created = system.admin().post("/api/v1/plugins", Map.of("name", "catalog-external",
                "command", "file://" + launcher, "hook_type", "resource_provider",
                "hook_types", List.of("resource_provider"), "config", Map.of("state_dir", stateDir.toString())));
        assertEquals(201, created.status(), created.toString());
        return created.id();
    }
}
