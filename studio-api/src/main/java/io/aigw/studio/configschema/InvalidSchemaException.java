package io.aigw.studio.configschema;

/** A plugin's config schema the control plane cannot enforce; the message says where and why. */
public final class InvalidSchemaException extends Exception {
    public InvalidSchemaException(String message) {
        super(message);
    }
}
