package io.aigw.runtime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The plugin-side read of plugin.json's version, which Initialize reports to the gateway. */
class ManifestVersionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"id\": \"x\", \"version\": \"1.2.3\"}                                          | 1.2.3",
            "{\"version\":\"2.0\",\"name\":\"n\"}                                             | 2.0",
            // only the top-level field, wherever it is, whatever precedes it
            "{\"resource_types\": [{\"version\": \"9\"}], \"version\": \"1.0\"}               | 1.0",
            "{\"description\": \"set \\\"version\\\": \\\"9\\\" here\", \"version\": \"1.0\"} | 1.0",
            "{\"version\": \"1.0-\\\"beta\\\"\"}                                             | 1.0-\"beta\"",
            "{\"version\": \"caf\\u00e9\"}                                                    | café",
            // none
            "{\"id\": \"x\"}                                                                  | ''",
            "{\"capabilities\": {\"version\": \"9\"}}                                         | ''",
            "{\"version\": 2}                                                                 | ''",
            "{\"version\": null}                                                              | ''",
            "[\"version\", \"1.0\"]                                                           | ''",
            // not JSON (as the gateway would refuse it): no version rather than a guess
            "{\"version\": \"1.0\"                                                            | ''",
            "{version: '1.0'}                                                                 | ''",
            "{\"version\": \"1.0\"} {\"version\": \"2.0\"}                                    | ''",
            "''                                                                               | ''",
    })
    void readsTheTopLevelVersionString(String json, String version) {
        assertEquals(version, ExternalPluginMain.manifestVersion(new StringReader(json)));
    }
}
