package io.aigw.loader.host;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RestartPolicyTest {

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        RestartPolicy policy = RestartPolicy.DEFAULT;
        assertEquals(Duration.ofMillis(200), policy.delay(1));
        assertEquals(Duration.ofMillis(400), policy.delay(2));
        assertEquals(Duration.ofMillis(800), policy.delay(3));
        assertEquals(Duration.ofMillis(25_600), policy.delay(8));
        assertEquals(Duration.ofSeconds(30), policy.delay(9));
        assertEquals(Duration.ofSeconds(30), policy.delay(1000));
    }
}
