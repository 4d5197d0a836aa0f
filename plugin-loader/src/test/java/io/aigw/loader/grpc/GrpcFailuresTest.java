package io.aigw.loader.grpc;

import io.aigw.loader.calls.CallFailure;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GrpcFailuresTest {

    @Test
    void gRpcStatusesMapToTheGatewaysAnswers() {
        assertEquals(504, GrpcFailures.classify(Status.Code.DEADLINE_EXCEEDED).httpStatus());
        assertEquals(503, GrpcFailures.classify(Status.Code.UNAVAILABLE).httpStatus());
        for (Status.Code code : new Status.Code[]{Status.Code.UNKNOWN, Status.Code.INTERNAL, Status.Code.UNIMPLEMENTED,
                Status.Code.INVALID_ARGUMENT, Status.Code.RESOURCE_EXHAUSTED, Status.Code.CANCELLED}) {
            assertEquals(502, GrpcFailures.classify(code).httpStatus(), code.name());
        }
    }

    /** An external plugin's failure reaches the dispatcher as an exception: it must land on the same status. */
    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = "OK", mode = EnumSource.Mode.EXCLUDE)
    void theExceptionAClientThrowsIsClassifiedAsItsStatus(Status.Code code) {
        Exception e = GrpcFailures.exception("HandleEndpointRequest on tcp 127.0.0.1:1",
                Status.fromCode(code).withDescription("why").asRuntimeException());
        CallFailure expected = GrpcFailures.classify(code);
        assertEquals(expected, CallFailure.of(e), code.name());
        assertEquals("HandleEndpointRequest on tcp 127.0.0.1:1: " + code + " why", e.getMessage());
    }
}
