package io.aigw.loader.pf4j;

import org.pf4j.JarPluginManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.RuntimeMode;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PF4J manager for exactly one staged jar. One manager per loaded generation lets the old and
 * the new version of a replaced jar live side by side while in-flight requests drain.
 */
final class SingleJarPluginManager extends JarPluginManager {

    SingleJarPluginManager(Path stagingDir) {
        super(stagingDir);
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new JsonManifestDescriptorFinder();
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return HostedPlugin::new;
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new PluginLoader() {
            @Override
            public boolean isApplicable(Path path) {
                return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
            }

            @Override
            public ClassLoader loadPlugin(Path path, PluginDescriptor descriptor) {
                return new ApiFirstClassLoader(SingleJarPluginManager.this, descriptor,
                        SingleJarPluginManager.class.getClassLoader(), path);
            }
        };
    }
}
