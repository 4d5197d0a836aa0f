package io.aigw.loader.pf4j;

import io.aigw.loader.manifest.InvalidManifestException;
import io.aigw.loader.manifest.ManifestReader;
import io.aigw.loader.manifest.PluginManifest;
import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginRuntimeException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Lets PF4J describe a jar from the seed's {@code plugin.json} instead of MANIFEST.MF entries. */
final class JsonManifestDescriptorFinder implements PluginDescriptorFinder {

    @Override
    public boolean isApplicable(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
    }

    @Override
    public PluginDescriptor find(Path path) {
        try {
            PluginManifest m = ManifestReader.fromJar(path);
            return new DefaultPluginDescriptor(m.id(), m.description(), "", m.version(), "*", "", "");
        } catch (InvalidManifestException e) {
            throw new PluginRuntimeException(e, "{}: {}", path.getFileName(), e.getMessage());
        }
    }
}
