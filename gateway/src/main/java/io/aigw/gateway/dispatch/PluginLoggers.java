package io.aigw.gateway.dispatch;

import io.aigw.plugin.api.BasicPluginContext;

import java.util.concurrent.ConcurrentHashMap;

/** One logger per plugin name, looked up once: a logger lookup per request is measurable. */
final class PluginLoggers {

    private static final ConcurrentHashMap<String, System.Logger> LOGGERS = new ConcurrentHashMap<>();

    private PluginLoggers() {
    }

    static System.Logger of(String pluginName) {
        System.Logger logger = LOGGERS.get(pluginName); // no lock or lambda once it is there
        return logger != null ? logger : LOGGERS.computeIfAbsent(pluginName, BasicPluginContext::loggerFor);
    }
}
