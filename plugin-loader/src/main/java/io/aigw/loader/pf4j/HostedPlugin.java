package io.aigw.loader.pf4j;

import io.aigw.loader.host.PluginLoadException;
import io.aigw.plugin.api.Plugin;
import org.pf4j.PluginWrapper;

import java.util.List;
import java.util.ServiceLoader;

/**
 * PF4J's view of a plugin jar. The real plugin is the jar's {@link Plugin} service
 * ({@code META-INF/services/io.aigw.plugin.api.Plugin}), so plugin code never depends on PF4J.
 */
final class HostedPlugin extends org.pf4j.Plugin {

    private final Plugin plugin;

    HostedPlugin(PluginWrapper wrapper) {
        super(wrapper);
        this.plugin = instantiate(wrapper.getPluginClassLoader(), wrapper.getPluginPath().getFileName().toString());
    }

    Plugin plugin() {
        return plugin;
    }

    private static Plugin instantiate(ClassLoader loader, String jarName) {
        // Parent-last loading also sees the host's services; only the jar's own ones count.
        List<ServiceLoader.Provider<Plugin>> own = ServiceLoader.load(Plugin.class, loader).stream()
                .filter(p -> p.type().getClassLoader() == loader)
                .toList();
        if (own.isEmpty()) {
            throw new IllegalStateException(new PluginLoadException(jarName
                    + " declares no plugin: add META-INF/services/" + Plugin.class.getName()));
        }
        if (own.size() > 1) {
            throw new IllegalStateException(new PluginLoadException(jarName + " declares " + own.size()
                    + " plugins; exactly one is allowed: " + own.stream().map(p -> p.type().getName()).toList()));
        }
        return own.getFirst().get();
    }
}
