package io.aigw.loader.host;

import java.util.Locale;

public enum PluginState {
    STARTING, RUNNING, FAILED, STOPPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
