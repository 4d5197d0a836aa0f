package io.aigw.examples.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aigw.plugin.api.EndpointRequest;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a webhook's event type comes from, first found wins:
 * <ol>
 *   <li>the {@code X-Webhook-Event} header (as GitHub's {@code X-GitHub-Event});</li>
 *   <li>the path below the slug, one segment: {@code POST /plugins/webhooks/payment} (seed 000's
 *       example routes on it);</li>
 *   <li>the JSON body's top-level {@code "type"} string (as Stripe sends it), else its
 *       {@code "event"} string.</li>
 * </ol>
 * A type is 1 to 128 letters, digits and {@code . _ : -} (e.g. {@code push},
 * {@code invoice.paid}, {@code user:created}).
 */
final class EventType {

    static final String HEADER = "X-Webhook-Event";
    static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final String WHERE = "send it as the " + HEADER + " header, as the path (POST /plugins/<slug>/<type>), "
            + "or as a top-level \"type\" or \"event\" string of a JSON body";

    /** What the request names as its type: a valid one, or why there is none. */
    sealed interface Found permits Valid, Invalid, Missing {
    }

    record Valid(String type) implements Found {
    }

    /** A type was given but is not one: the message says which and why. */
    record Invalid(String message) implements Found {
    }

    record Missing() implements Found {
    }

    private EventType() {
    }

    static Found of(EndpointRequest request, ObjectMapper json) {
        List<String> headers = request.headers().all(HEADER);
        if (headers.size() > 1) {
            return new Invalid("more than one " + HEADER + " header");
        }
        if (!headers.isEmpty()) {
            return check(headers.getFirst().strip(), "the " + HEADER + " header");
        }
        if (!request.pathSegments().isEmpty()) {
            return check(request.pathSegments().getFirst(), "the path");
        }
        return fromBody(request.body(), json).map(t -> check(t, "the body's \"type\"/\"event\""))
                .orElseGet(Missing::new);
    }

    private static Found check(String type, String source) {
        if (VALID.matcher(type).matches()) {
            return new Valid(type);
        }
        // the value is not echoed back: it may be anything a stranger sent
        return new Invalid("the event type in " + source + " must be 1 to 128 letters, digits and . _ : -");
    }

    /**
     * The top-level {@code type} (else {@code event}) string of a JSON object body. Streams over the
     * top level only, so a large body with deep values costs no tree.
     */
    static Optional<String> fromBody(byte[] body, ObjectMapper json) {
        String type = null;
        String event = null;
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && "type".equals(field) && type == null) {
                    type = parser.getText();
                } else if (value == JsonToken.VALUE_STRING && "event".equals(field) && event == null) {
                    event = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return Optional.empty(); // not JSON: no type from the body
        }
        return Optional.ofNullable(type != null ? type : event);
    }
}
