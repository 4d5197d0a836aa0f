package io.aigw.loader.calls;

import io.aigw.loader.host.PluginUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CallFailureTest {

    @Test
    void eachFailureHasTheStatusAClientIsAnsweredWith() {
        assertEquals(504, CallFailure.of(new TimeoutException("slow")).httpStatus());
        assertEquals(503, CallFailure.of(new PluginBusyException("full")).httpStatus());
        assertEquals(503, CallFailure.of(new PluginUnavailableException("gone", null)).httpStatus());
        assertEquals(502, CallFailure.of(new IllegalStateException("bug")).httpStatus());
        assertEquals(502, CallFailure.of(new IOException("garbage")).httpStatus());
        assertEquals(502, CallFailure.of(new StackOverflowError()).httpStatus());
    }
}
