package io.aigw.loader.host;

import io.aigw.plugin.api.Plugin;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one loaded plugin can be asked to do, by plugin-api interface ({@code CustomEndpointHandler},
 * {@code ResourceProvider}, ...). A plugin holds any mix of them; the host asks it only for what
 * it has. For a jar these are the capability interfaces its plugin class implements; for an
 * external plugin, exactly those it announced at Initialize.
 */
public final class PluginCapabilities {

    public static final PluginCapabilities NONE = new PluginCapabilities(Map.of());

    private final Map<Class<? extends Plugin>, Plugin> byType;

    private PluginCapabilities(Map<Class<? extends Plugin>, Plugin> byType) {
        this.byType = Map.copyOf(byType);
    }

    /**
     * Every capability interface {@code plugin} implements: the interfaces extending {@link Plugin}
     * (not {@code Plugin} itself, which is the lifecycle every plugin has).
     */
    public static PluginCapabilities implementedBy(Plugin plugin) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = plugin.getClass(); c != null; c = c.getSuperclass()) {
            collect(c, interfaces);
        }
        Map<Class<? extends Plugin>, Plugin> byType = new HashMap<>();
        for (Class<?> i : interfaces) {
            if (i != Plugin.class && Plugin.class.isAssignableFrom(i)) {
                byType.put(i.asSubclass(Plugin.class), plugin);
            }
        }
        return new PluginCapabilities(byType);
    }

    /** These capabilities and {@code type}, served by {@code implementation}. */
    public <T extends Plugin> PluginCapabilities with(Class<T> type, T implementation) {
        Map<Class<? extends Plugin>, Plugin> more = new HashMap<>(byType);
        more.put(type, type.cast(implementation));
        return new PluginCapabilities(more);
    }

    /** The implementation of capability {@code type}, or empty when the plugin does not have it. */
    public <T extends Plugin> Optional<T> get(Class<T> type) {
        return Optional.ofNullable(byType.get(type)).map(type::cast);
    }

    public boolean has(Class<? extends Plugin> type) {
        return byType.containsKey(type);
    }

    /** The capability interfaces present, e.g. for a status line. */
    public Set<Class<? extends Plugin>> types() {
        return byType.keySet();
    }

    private static void collect(Class<?> type, Set<Class<?>> into) {
        for (Class<?> i : type.getInterfaces()) {
            if (into.add(i)) {
                collect(i, into);
            }
        }
    }

    @Override
    public String toString() {
        return byType.keySet().stream().map(Class::getSimpleName).sorted().toList().toString();
    }
}
