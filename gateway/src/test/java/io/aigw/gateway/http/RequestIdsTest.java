package io.aigw.gateway.http;

import io.helidon.http.WritableHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "req-1.2_3:4", "0f8fad5b-d9cb-469f-a165-70867728950e"})
    void keepsASaneCallerId(String id) {
        assertEquals(id, RequestIds.of(headers(id)));
    }

    /** Each could forge a log line or a header if echoed: a fresh id is used instead. */
    @ParameterizedTest
    @ValueSource(strings = {"has space", "a/b", "ünï", "a\"b", "{json}"})
    void replacesAnUnsafeId(String id) {
        String chosen = RequestIds.of(headers(id));
        assertNotEquals(id, chosen);
        UUID.fromString(chosen);
    }

    @Test
    void replacesAnOverlongIdAndMakesOneWhenThereIsNone() {
        assertEquals("x".repeat(128), RequestIds.of(headers("x".repeat(128))));
        UUID.fromString(RequestIds.of(headers("x".repeat(129))));
        UUID.fromString(RequestIds.of(WritableHeaders.create()));
    }

    private static WritableHeaders<?> headers(String requestId) {
        return WritableHeaders.create().set(RequestIds.HEADER, requestId);
    }
}
