package io.aigw.loader.host;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.lang.System.Logger.Level.WARNING;

/** Who hears that the host's plugins changed; told one at a time, so no view is older than the last. */
final class HostListeners {

    private static final System.Logger LOG = System.getLogger(HostListeners.class.getName());

    private final List<PluginHostListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    void add(PluginHostListener listener) {
        listeners.add(listener);
    }

    void remove(PluginHostListener listener) {
        listeners.remove(listener);
    }

    void changed() {
        synchronized (lock) {
            for (PluginHostListener listener : listeners) {
                try {
                    listener.pluginsChanged();
                } catch (RuntimeException e) {
                    LOG.log(WARNING, "plugin listener failed", e);
                }
            }
        }
    }
}
