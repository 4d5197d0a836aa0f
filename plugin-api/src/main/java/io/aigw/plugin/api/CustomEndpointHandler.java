package io.aigw.plugin.api;

import java.util.List;

/**
 * A plugin that serves HTTP under {@code /plugins/{slug}/...} on the gateway.
 *
 * <p>Handlers are plain blocking code: each request runs on its own virtual thread, so sleeping,
 * blocking I/O and waiting are all fine.
 */
public interface CustomEndpointHandler extends Plugin {

    /** The endpoints this plugin serves, relative to its slug. Asked once after initialization. */
    List<EndpointRegistration> getEndpointRegistrations();

    /** Handles a request routed to a registration without {@code streamResponse}. */
    default EndpointResponse handleEndpointRequest(RequestContext context, EndpointRequest request)
            throws Exception {
        return EndpointResponse.json(501, "{\"error\":\"this endpoint does not answer unary requests\"}");
    }

    /**
     * Handles a request routed to a registration with {@code streamResponse}. Send
     * {@link ResponseStream#sendHeaders headers} first, then any number of body chunks (each reaches
     * the client as it is sent), then {@link ResponseStream#done() done} or
     * {@link ResponseStream#error error}. Returning without finishing counts as done.
     */
    default void handleEndpointRequestStream(RequestContext context, EndpointRequest request,
                                             ResponseStream stream) throws Exception {
        stream.error("this endpoint does not stream");
    }
}
