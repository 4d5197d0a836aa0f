package io.aigw.loader.testing;

import io.aigw.loader.testing.plugins.StorePlugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@link StorePlugin} as an external plugin binary: a launcher script, as a plugin's build would
 * make, running the plugin runtime's main on this test's classpath (the plugin found through a
 * {@code META-INF/services} entry of its own, as in a plugin's jar).
 */
public final class StorePluginBinary {

    private StorePluginBinary() {
    }

    /** Writes the launcher into {@code dir} and returns it; register it as {@code file://<path>}. */
    public static Path write(Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("store-plugin-classes/META-INF/services"));
        Files.writeString(services.resolve("io.aigw.plugin.api.Plugin"), StorePlugin.class.getName() + "\n");
        String classpath = dir.resolve("store-plugin-classes") + java.io.File.pathSeparator
                + System.getProperty("java.class.path");
        Path launcher = dir.resolve("store-plugin");
        Files.writeString(launcher, "#!/bin/sh\n"
                + "# the gateway names its own java in AIGW_PLUGIN_JAVA\n"
                + "exec \"${AIGW_PLUGIN_JAVA:-java}\" -cp '" + classpath.replace("'", "'\\''") + "' "
                + "io.aigw.runtime.ExternalPluginMain\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        return launcher;
    }
}
