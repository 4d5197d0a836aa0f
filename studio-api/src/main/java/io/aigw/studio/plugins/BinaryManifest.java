package io.aigw.studio.plugins;

import io.aigw.loader.command.PluginCommand;
import io.aigw.loader.manifest.InvalidManifestException;
import io.aigw.loader.manifest.ManifestReader;
import io.aigw.loader.manifest.PluginManifest;

/**
 * The manifest of a {@code file://} plugin: {@code <binary>.json} beside the binary, which the
 * gateway reads before each start. Stored registrations only hold the manifests of drop-in jars;
 * a binary's is read where it lies, so the API shows what the next start will use.
 */
final class BinaryManifest {

    private BinaryManifest() {
    }

    /**
     * The manifest's JSON for {@code command}, or null: not a {@code file://} command, no manifest
     * beside the binary, or an invalid one (the plugin's status then names the file and the reason).
     */
    static String jsonFor(String command) {
        try {
            if (!(PluginCommand.parse(command) instanceof PluginCommand.Binary(var binary))) {
                return null;
            }
            return ManifestReader.besideBinary(binary).map(PluginManifest::json).orElse(null);
        } catch (InvalidManifestException | RuntimeException e) {
            return null;
        }
    }
}
