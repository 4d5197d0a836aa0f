package io.aigw.gateway.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BearerTest {

    /** Header value → token ("null" for none), as the gateway, the control plane and edges read it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "Bearer abc             | abc",
            "bearer abc             | abc",
            "BEARER abc             | abc",
            "'  Bearer   abc  '     | abc",
            "Bearer a.b-c_d~e+f/g== | a.b-c_d~e+f/g==",
            "Bearer                 | ''",
            "'Bearer '              | ''",
            "Basic dXNlcjpwYXNz     | null",
            "Bearerabc              | null",
            "Token abc              | null",
            "''                     | null",
            "null                   | null",
    })
    void readsTheToken(String header, String token) {
        assertEquals(token, Bearer.token(header));
    }

    @ParameterizedTest
    @CsvSource({"abc", "aigw_edge_secret"})
    void writesWhatItReads(String token) {
        assertEquals("Bearer " + token, Bearer.header(token));
        assertEquals(token, Bearer.token(Bearer.header(token)));
    }
}
