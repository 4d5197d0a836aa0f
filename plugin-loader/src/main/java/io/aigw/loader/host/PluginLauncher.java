package io.aigw.loader.host;

/** Turns one kind of plugin command (e.g. {@code pf4j:}) into a live plugin. */
public interface PluginLauncher {

    boolean handles(String command);

    LoadedPlugin launch(PluginSpec spec) throws PluginLoadException;

    /**
     * True when the plugins this launcher makes run their code inside this JVM; the host then
     * runs that code on the plugin's own threads (see {@code PluginCalls}).
     */
    default boolean inProcess() {
        return true;
    }
}
