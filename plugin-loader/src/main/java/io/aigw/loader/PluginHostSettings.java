package io.aigw.loader;

import io.aigw.loader.calls.CallLimits;
import io.aigw.loader.grpc.ExternalPluginSettings;
import io.aigw.loader.host.RestartPolicy;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a process's plugin host needs to know.
 *
 * @param pluginsDir     where plugin jars are dropped ({@code PLUGINS_DIR})
 * @param scanInterval   how often that directory is scanned
 * @param stagingDir     where loaded jars are copied, so replacing a file never disturbs the copy
 *                       still serving
 * @param external       limits for external plugins (handshake, deadlines, message sizes)
 * @param initTimeout    how long a plugin's start (and its shutdown) may take
 * @param drainTimeout   how long a replaced generation's in-flight requests may run on
 * @param restartPolicy  back-off for restarting plugins that died
 * @param callLimits     calls and streams one plugin may run at once
 */
public record PluginHostSettings(Path pluginsDir, Duration scanInterval, Path stagingDir,
                                 ExternalPluginSettings external, Duration initTimeout, Duration drainTimeout,
                                 RestartPolicy restartPolicy, CallLimits callLimits) {
}
