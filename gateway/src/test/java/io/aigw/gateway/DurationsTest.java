package io.aigw.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {

    @Test
    void parsesGoStyleDurations() {
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofSeconds(60), Durations.parse("60s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("30"));
    }

    @Test
    void formatsWhatItParses() {
        assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("2s", Durations.format(Duration.ofSeconds(2)));
        assertEquals("1s500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        for (String text : new String[]{"5m", "60s", "250ms", "2h1m3s"}) {
            assertEquals(Durations.parse(text), Durations.parse(Durations.format(Durations.parse(text))), text);
        }
    }

    @Test
    void rejectsGarbageWithTheOffendingText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("5 minutes"));
        assertEquals("not a duration: '5 minutes' (use e.g. 500ms, 60s, 5m, 1h)", e.getMessage());
    }
}
