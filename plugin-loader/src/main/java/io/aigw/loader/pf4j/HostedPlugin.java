package io.aigw.loader.pf4j;

import io.aigw.loader.host.PluginLoadException;
import io.aigw.plugin.api.Plugin;
import org.pf4j.PluginWrapper;

import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * PF4J's view of a plugin jar. The real plugin is the jar's {@link Plugin} service
 * ({@code META-INF/services/io.aigw.plugin.api.Plugin}), so plugin code never depends on PF4J.
 */
final class HostedPlugin extends org.pf4j.Plugin {

    private static final String SERVICE_FILE = "META-INF/services/" + Plugin.class.getName();

    private final Plugin plugin;

    HostedPlugin(PluginWrapper wrapper) {
        super(wrapper);
        ClassLoader loader = wrapper.getPluginClassLoader();
        try {
            // the plugin's constructor is plugin code too: threads it starts must be recognisable as its own
            Plugin own = ContextLoaderProxy.callAsPlugin(() -> instantiate(loader), loader);
            this.plugin = ContextLoaderProxy.wrap(own, loader);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plugin as the host calls it: each call runs with the plugin's class loader as context loader. */
    Plugin plugin() {
        return plugin;
    }

    /** The jar's plugin; failures name no jar, the launcher's message does. */
    private static Plugin instantiate(ClassLoader loader) {
        // Parent-last loading also sees the host's services; only the jar's own ones count.
        List<ServiceLoader.Provider<Plugin>> own;
        try {
            own = ServiceLoader.load(Plugin.class, loader).stream()
                    .filter(p -> p.type().getClassLoader() == loader)
                    .toList();
        } catch (ServiceConfigurationError e) {
            // e.g. the service file names a class the jar does not contain
            throw new IllegalStateException(new PluginLoadException("cannot load the plugin class named in "
                    + SERVICE_FILE + ": " + serviceProblem(e)));
        }
        if (own.isEmpty()) {
            throw new IllegalStateException(new PluginLoadException(
                    "declares no plugin: add " + SERVICE_FILE));
        }
        if (own.size() > 1) {
            throw new IllegalStateException(new PluginLoadException("declares " + own.size()
                    + " plugins; exactly one is allowed: " + own.stream().map(p -> p.type().getName()).toList()));
        }
        try {
            return own.getFirst().get();
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException(new PluginLoadException(serviceProblem(e)));
        }
    }

    /** ServiceLoader's message without its "io.aigw.plugin.api.Plugin: " prefix, plus the cause. */
    private static String serviceProblem(ServiceConfigurationError e) {
        String message = String.valueOf(e.getMessage());
        String prefix = Plugin.class.getName() + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        Throwable cause = e.getCause();
        return cause == null ? message : message + " (" + cause + ")";
    }
}
