package io.aigw.gateway.config;

import io.aigw.gateway.auth.CredentialIndex;
import io.aigw.gateway.auth.Tokens;
import io.aigw.plugin.api.App;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's memory stays proportional to its configuration, within the budget the README
 * states, and a change costs the same whatever the configuration's size: applying a one-credential
 * delta allocates a few kilobytes at 1,000 Apps and at 50,000 alike (the maps are copied along one
 * path, never whole). Memory is measured as heap retained after a full collection; allocation with
 * the JVM's per-thread counter. Neither depends on how fast the machine is.
 */
class ConfigStateFootprintTest {

    /** The budget stated in the README for an App as the bench creates them (short name, an owner email, no metadata). */
    static final long APP_BUDGET_BYTES = 512;
    /** The budget for a credential with no scopes and no expiry. */
    static final long CREDENTIAL_BUDGET_BYTES = 320;
    /** What applying a delta of one credential may allocate, at any configuration size. */
    static final long ONE_CHANGE_BUDGET_BYTES = 32 * 1024;

    private static ConfigSnapshot snapshot(int apps, boolean withCredentials) {
        List<AppConfig> list = new ArrayList<>(apps);
        for (int i = 1; i <= apps; i++) {
            App app = new App(i, "app-" + i, "", "owner-" + i + "@example.com", true, 0, 0, Map.of(), List.of());
            list.add(new AppConfig(app, withCredentials ? List.of(new CredentialConfig(i, Tokens.hash("token-" + i),
                    List.of(), true, null)) : List.of()));
        }
        return new ConfigSnapshot(1, List.of(), list);
    }

    @Test
    void anAppAndACredentialStayWithinTheirBudget() {
        int n = 50_000;
        long empty = retainedBy(() -> ConfigState.of(snapshot(0, false)));
        long appsOnly = retainedBy(() -> ConfigState.of(snapshot(n, false)));
        long withCredentials = retainedBy(() -> ConfigState.of(snapshot(n, true)));
        long perApp = (appsOnly - empty) / n;
        long perCredential = (withCredentials - appsOnly) / n;
        System.out.printf("gateway config state: %d bytes per App, %d bytes per credential (%d Apps)%n",
                perApp, perCredential, n);
        assertTrue(perApp <= APP_BUDGET_BYTES, perApp + " bytes per App");
        assertTrue(perCredential <= CREDENTIAL_BUDGET_BYTES, perCredential + " bytes per credential");
    }

    @Test
    void oneChangeAllocatesTheSameAtAnySize() {
        long small = allocatedByOneChange(1_000);
        long large = allocatedByOneChange(50_000);
        System.out.printf("applying a one-credential delta allocates %d bytes at 1,000 Apps, %d at 50,000%n",
                small, large);
        assertTrue(small <= ONE_CHANGE_BUDGET_BYTES, small + " bytes at 1,000 Apps");
        assertTrue(large <= ONE_CHANGE_BUDGET_BYTES, large + " bytes at 50,000 Apps");
    }

    @Test
    void tokenLookupFindsEveryCredentialAmongMany() {
        ConfigState state = ConfigState.of(snapshot(20_000, true));
        CredentialIndex index = CredentialIndex.of(state, Clock.systemUTC());
        for (int i = 1; i <= 20_000; i += 997) {
            assertTrue(index.authenticate("token-" + i).map(p -> p.app().name()).orElse("").equals("app-" + i));
        }
        assertTrue(index.authenticate("token-0").isEmpty());
    }

    private static long allocatedByOneChange(int apps) {
        ConfigState state = ConfigState.of(snapshot(apps, true));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) { // the least of several: the first runs load classes and compile
            long id = apps + 1L + i;
            ConfigDelta delta = new ConfigDelta(state.version(), state.version() + 1, List.of(), List.of(), List.of(),
                    List.of(), List.of(new AppCredential(1, new CredentialConfig(id, Tokens.hash("new-" + id), List.of(),
                    true, null))), List.of());
            long before = threads.getCurrentThreadAllocatedBytes();
            ConfigState next = state.apply(delta);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            least = Math.min(least, allocated);
            state = next;
        }
        return least;
    }

    private interface Build {
        Object build();
    }

    /** Heap retained by what {@code build} returns, after full collections. */
    private static long retainedBy(Build build) {
        long before = usedAfterGc();
        Object kept = build.build();
        long after = usedAfterGc();
        if (kept.hashCode() == 42) { // keeps it reachable until here
            System.out.print("");
        }
        return after - before;
    }

    private static long usedAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
