package io.aigw.runtime;

import io.aigw.plugin.api.InvalidStoreKeyException;
import io.aigw.plugin.api.PluginStoreException;
import io.aigw.plugin.api.StoreLimitExceededException;
import io.aigw.plugin.api.StoreUnavailableException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * How plugin-store failures cross the host-services channel (host.proto): the host turns a
 * {@link PluginStoreException} into a status, the plugin's runtime turns the status back into the
 * same exception, so plugin code sees one family of errors whichever transport runs it.
 */
public final class StoreStatus {

    private StoreStatus() {
    }

    /** What the host answers for {@code e}. */
    public static Status of(PluginStoreException e) {
        Status status = switch (e) {
            case InvalidStoreKeyException k -> Status.INVALID_ARGUMENT;
            case StoreLimitExceededException l -> Status.RESOURCE_EXHAUSTED;
            case StoreUnavailableException u -> Status.UNAVAILABLE;
        };
        return status.withDescription(e.getMessage());
    }

    /** What the plugin's call throws for a failed host-services call. */
    public static PluginStoreException toException(String call, StatusRuntimeException e) {
        Status status = e.getStatus();
        String detail = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
        return switch (status.getCode()) {
            case INVALID_ARGUMENT -> new InvalidStoreKeyException(detail);
            case RESOURCE_EXHAUSTED -> new StoreLimitExceededException(detail);
            // the host's own answer (no storage on an edge, database down): its words, as in-process
            case UNAVAILABLE, FAILED_PRECONDITION -> status.getCause() == null && status.getDescription() != null
                    ? new StoreUnavailableException(detail)
                    : new StoreUnavailableException(call + " cannot reach the host: " + detail, e);
            case UNAUTHENTICATED -> new StoreUnavailableException("the host refused this plugin's host-services "
                    + "token (" + detail + "); it is valid only while this load of the plugin serves", e);
            case DEADLINE_EXCEEDED -> new StoreUnavailableException(call + " got no answer from the host in time", e);
            case CANCELLED -> new StoreUnavailableException(call + " was cancelled", e);
            default -> new StoreUnavailableException(call + " failed: " + status.getCode() + " " + detail, e);
        };
    }
}
