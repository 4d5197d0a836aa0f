package io.aigw.plugin.api;

/** What the host offers a plugin for its whole life. */
public interface PluginContext {

    /** The name the plugin is registered under in the control plane. */
    String pluginName();

    /** A logger whose lines are attributed to this plugin in the gateway log. */
    System.Logger logger();
}
