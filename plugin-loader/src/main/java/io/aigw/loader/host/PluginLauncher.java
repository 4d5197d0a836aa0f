package io.aigw.loader.host;

/** Turns one kind of plugin command (e.g. {@code pf4j:}) into a live plugin. */
public interface PluginLauncher {

    boolean handles(String command);

    LoadedPlugin launch(PluginSpec spec) throws PluginLoadException;
}
