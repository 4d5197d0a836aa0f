package io.aigw.loader.host;

import java.util.Locale;

public enum PluginState {
    STARTING, RUNNING,
    /** Died (process exit, failed health check) and waiting for, or in, an automatic restart. */
    RESTARTING,
    FAILED, STOPPED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
