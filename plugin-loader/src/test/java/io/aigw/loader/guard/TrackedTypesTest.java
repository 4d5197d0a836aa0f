package io.aigw.loader.guard;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.Timer;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code new Timer(...)} in plugin code becomes {@code new TrackedTimer(...)} with the same
 * constructor signature: a JDK constructor the tracked class lacks would make the rewritten plugin
 * class fail verification, so every public one must be there (checked on the JDK running the tests).
 */
class TrackedTypesTest {

    static Stream<Arguments> pairs() {
        return Stream.of(Arguments.of(Timer.class, TrackedTimer.class),
                Arguments.of(ThreadPoolExecutor.class, TrackedThreadPoolExecutor.class),
                Arguments.of(ScheduledThreadPoolExecutor.class, TrackedScheduledThreadPoolExecutor.class));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void aTrackedClassHasEveryPublicConstructorOfTheJdkClass(Class<?> jdk, Class<?> tracked) {
        assertEquals(publicConstructors(jdk), publicConstructors(tracked));
    }

    static Set<List<Class<?>>> publicConstructors(Class<?> type) {
        return Arrays.stream(type.getConstructors())
                .filter(c -> Modifier.isPublic(c.getModifiers()))
                .map(Constructor::getParameterTypes)
                .map(List::of)
                .collect(Collectors.toSet());
    }
}
