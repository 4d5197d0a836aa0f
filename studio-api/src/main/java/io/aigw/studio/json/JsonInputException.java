package io.aigw.studio.json;

/** JSON from outside that is refused; the message says why in words a client can act on. */
public final class JsonInputException extends Exception {

    public JsonInputException(String message) {
        super(message, null, false, false); // a verdict on input, not a fault: no stack trace needed
    }
}
