package io.aigw.studio.publish;

/** The change is stored but the gateway did not take the new snapshot. */
public class PublishException extends RuntimeException {
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
