package io.aigw.loader.host;

import java.time.Instant;

/**
 * The OS process serving a plugin, for plugins the gateway started itself ({@code file://}).
 *
 * @param pid       the process id (the one a {@code kill} would take)
 * @param startedAt when the gateway started this process (wall clock)
 */
public record PluginProcessInfo(long pid, Instant startedAt) {
}
