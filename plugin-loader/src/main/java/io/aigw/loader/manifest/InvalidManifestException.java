package io.aigw.loader.manifest;

/** A manifest that is missing, unreadable or incomplete; the message says which and why. */
public class InvalidManifestException extends Exception {
    public InvalidManifestException(String message) {
        super(message);
    }

    public InvalidManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
