package io.aigw.loader.host;

/** Hears that the set of serving generations or some plugin's status changed. */
@FunctionalInterface
public interface PluginHostListener {
    void pluginsChanged();
}
