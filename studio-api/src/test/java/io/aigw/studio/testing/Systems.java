package io.aigw.studio.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@link TestSystem}s on the test JVM's shared PostgreSQL, each on a fresh database of its
 * own, and stops them when the scope that asked for this ends: the test class when resolved in a
 * {@code @BeforeAll} method, the test when resolved in a test or {@code @BeforeEach} method. Get one
 * from {@link SystemExtension}:
 *
 * <pre>
 * &#64;ExtendWith(SystemExtension.class)
 * class AppApiTest {
 *     static TestSystem system;
 *
 *     &#64;BeforeAll
 *     static void start(Systems systems) {
 *         system = systems.start();
 *     }
 * }
 * </pre>
 */
public final class Systems implements AutoCloseable {

    private final SharedPostgres postgres;
    private final List<TestSystem> started = new ArrayList<>();

    Systems(SharedPostgres postgres) {
        this.postgres = postgres;
    }

    public TestSystem start() {
        return start(Map.of());
    }

    /** Starts with extra environment variables (e.g. PLUGIN_ENDPOINT_UNARY_TIMEOUT) on top of the defaults. */
    public synchronized TestSystem start(Map<String, String> extraEnv) {
        TestSystem system = TestSystem.start(postgres, extraEnv);
        started.add(system);
        return system;
    }

    /** Stops every system started here (a test may have closed some already). */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (TestSystem system : started.reversed()) {
            try {
                system.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        started.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
