package io.aigw.plugin.api;

import java.util.Objects;

/**
 * A {@link UIProvider} refuses an RPC call: the caller gets the message with the status of
 * {@link #reason()} (400, 403 or 404), where any other exception from {@code handleRpc} is the
 * plugin's failure (502, the details left in the log).
 */
public class UiRpcRefusedException extends Exception {

    /** Why a call is refused; each is one HTTP status for the page. */
    public enum Reason {
        /** The payload is not what the method takes (400). */
        INVALID(400),
        /** The caller may not call this method, e.g. a non-admin calling an admin method (403). */
        FORBIDDEN(403),
        /** No such method, or the thing it names does not exist (404). */
        NOT_FOUND(404);

        private final int httpStatus;

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;

    public UiRpcRefusedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
