package io.aigw.loader.pf4j;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * PF4J's parent-last loader, except that the plugin API always comes from the host. A plugin jar
 * that wrongly bundles its own copy of the API would otherwise get classes the host cannot cast.
 */
final class ApiFirstClassLoader extends PluginClassLoader {

    private static final String API_PACKAGE = "io.aigw.plugin.api.";

    ApiFirstClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        if (className.startsWith(API_PACKAGE)) {
            return getParent().loadClass(className);
        }
        return super.loadClass(className);
    }
}
