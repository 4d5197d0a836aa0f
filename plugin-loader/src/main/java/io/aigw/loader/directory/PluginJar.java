package io.aigw.loader.directory;

import io.aigw.loader.manifest.PluginManifest;

import java.nio.file.Path;

/**
 * A readable plugin jar in the plugins directory.
 *
 * @param fingerprint changes whenever the file is replaced or rewritten
 */
public record PluginJar(Path path, PluginManifest manifest, String fingerprint) {
}
