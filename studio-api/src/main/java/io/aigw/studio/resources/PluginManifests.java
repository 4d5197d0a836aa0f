package io.aigw.studio.resources;

import io.aigw.loader.command.PluginCommand;
import io.aigw.loader.directory.PluginDirectory;
import io.aigw.loader.manifest.InvalidManifestException;
import io.aigw.loader.manifest.ManifestReader;
import io.aigw.loader.manifest.PluginManifest;
import io.aigw.studio.db.Database;
import io.aigw.studio.plugins.PluginRepository;
import io.aigw.studio.plugins.PluginRow;

import java.util.Optional;

/**
 * The manifest a plugin was loaded with, as JSON: for a jar, the one the plugins directory holds
 * now (what the loader just loaded, and fresher than the stored copy the jar registration writes a
 * moment later); for a binary, the one beside it; else the copy stored with the registration.
 */
final class PluginManifests {

    private final Database db;
    private final PluginDirectory directory;
    private final PluginRepository plugins = new PluginRepository();

    PluginManifests(Database db, PluginDirectory directory) {
        this.db = db;
        this.directory = directory;
    }

    /** The manifest JSON of plugin {@code pluginId} started by {@code command}; empty when it has none. */
    Found find(long pluginId, String command) {
        try {
            PluginCommand parsed = PluginCommand.parse(command);
            if (parsed instanceof PluginCommand.Pf4j(String id)) {
                Optional<String> inJar = directory.jar(id).map(jar -> jar.manifest().json());
                if (inJar.isPresent()) {
                    return new Found(inJar.get(), null);
                }
            } else if (parsed instanceof PluginCommand.Binary(var binary)) {
                return new Found(ManifestReader.besideBinary(binary).map(PluginManifest::json).orElse(null), null);
            }
        } catch (InvalidManifestException e) {
            return new Found(null, "manifest unreadable, its resource types are ignored: " + e.getMessage());
        } catch (RuntimeException e) {
            // an unparsable command: the plugin could not have loaded; fall back to what is stored
        }
        return new Found(db.read(h -> plugins.find(h, pluginId)).map(PluginRow::manifestJson).orElse(null), null);
    }

    /** @param json the manifest, or null; @param problem why it could not be read, or null */
    record Found(String json, String problem) {
    }
}
