package io.aigw.loader.grpc;

/** A call to an external plugin failed: the plugin threw, answered garbage or broke the protocol. */
final class PluginCallException extends Exception {
    PluginCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
