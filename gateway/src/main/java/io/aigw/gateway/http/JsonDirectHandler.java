package io.aigw.gateway.http;

import io.aigw.gateway.dispatch.JsonErrors;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Answers for requests Helidon refuses before any route sees them (malformed request line or
 * headers, bad framing, HTTP/1.0, oversized URI or headers): JSON {@code {"error": "..."}} with an
 * {@code X-Request-ID}, like every other answer. Helidon's own are plain text without an id.
 */
final class JsonDirectHandler implements DirectHandler {

    /** Helidon's stand-in for a message it considers unsafe to show; ours say what was wrong instead. */
    private static final String HIDDEN = "Bad request, see server log for more information";
    private static final Status HEADERS_TOO_LARGE = Status.create(431, "Request Header Fields Too Large");

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders headers, String message) {
        Status status = defaultStatus;
        String detail = message == null || message.isBlank() || message.equals(HIDDEN) ? null : message;
        // Helidon says 400 for headers over its size limit; 431 is the status for it.
        if (status.code() == 400 && "Header size exceeded".equals(detail)) {
            status = HEADERS_TOO_LARGE;
        }
        headers.set(HeaderNames.CONTENT_TYPE, "application/json");
        headers.set(HeaderNames.CACHE_CONTROL, "no-store");
        headers.set(RequestIds.HEADER, RequestIds.of(request.headers()));
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(JsonErrors.body(describe(status, detail)))
                .build();
    }

    private static String describe(Status status, String detail) {
        return switch (status.code()) {
            case 400 -> detail == null ? "malformed request" : "malformed request: " + detail;
            case 413 -> "request body too large";
            case 414 -> "request line too long";
            case 431 -> "request headers too large";
            case 501 -> detail == null ? "not implemented" : detail;
            case 503 -> "server busy, try again";
            case 505 -> "HTTP version not supported: use HTTP/1.1";
            case 500 -> "internal error";
            default -> detail == null || status.code() >= 500 ? status.reasonPhrase() : detail;
        };
    }
}
