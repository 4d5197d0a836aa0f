package io.aigw.gateway.testing;

import io.aigw.loader.host.LoadedPlugin;
import io.aigw.loader.host.PluginLauncher;
import io.aigw.loader.host.PluginLoadException;
import io.aigw.loader.host.PluginSpec;
import io.aigw.plugin.api.Plugin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Launches plugins a test defined, by name: command {@code test:<name>}. This is the boundary the
 * gateway tests stand on: everything above it (host, generations, call limits, route table,
 * dispatch, HTTP) is the production code.
 */
public final class InTestLauncher implements PluginLauncher {

    public static final String SCHEME = "test:";

    private final Map<String, Plugin> plugins = new ConcurrentHashMap<>();

    /** Makes {@code plugin} loadable as {@code test:<name>}; returns that command. */
    public String define(String name, Plugin plugin) {
        plugins.put(name, plugin);
        return SCHEME + name;
    }

    @Override
    public boolean handles(String command) {
        return command.startsWith(SCHEME);
    }

    @Override
    public LoadedPlugin launch(PluginSpec spec) throws PluginLoadException {
        Plugin plugin = plugins.get(spec.command().substring(SCHEME.length()));
        if (plugin == null) {
            throw new PluginLoadException("no in-test plugin named " + spec.command());
        }
        return new LoadedPlugin() {
            @Override
            public Plugin plugin() {
                return plugin;
            }

            @Override
            public String version() {
                return "1.0.0";
            }

            @Override
            public void close() {
            }
        };
    }
}
