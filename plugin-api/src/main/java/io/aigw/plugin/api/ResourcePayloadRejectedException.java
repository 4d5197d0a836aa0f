package io.aigw.plugin.api;

/**
 * A {@link ResourceProvider} refuses the payload it was asked to create an instance from (a missing
 * name, a score out of range, ...); the message is meant for whoever sent it, an admin creating the
 * instance or approving a submission, who gets it as a 400. Any other exception from
 * {@code createResourceInstance} means the plugin could not create it (503).
 */
public class ResourcePayloadRejectedException extends Exception {
    public ResourcePayloadRejectedException(String message) {
        super(message);
    }
}
