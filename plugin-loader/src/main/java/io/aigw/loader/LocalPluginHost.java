package io.aigw.loader;

import io.aigw.loader.directory.PluginDirectory;
import io.aigw.loader.grpc.ExternalPluginLauncher;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.pf4j.Pf4jLauncher;

import java.io.IOException;
import java.util.List;

/**
 * The plugin host of this process with the plugins directory it loads jars from: every launcher
 * wired, jars kept in step with the plugins they serve. A process's main opens one, hands
 * {@link #host()} to the gateway (and the control plane), and closes it after the gateway stopped
 * serving.
 */
public final class LocalPluginHost implements AutoCloseable {

    private final PluginDirectory directory;
    private final PluginHost host;

    private LocalPluginHost(PluginDirectory directory, PluginHost host) {
        this.directory = directory;
        this.host = host;
    }

    public static LocalPluginHost open(PluginHostSettings settings) throws IOException {
        PluginDirectory directory = PluginDirectory.open(settings.pluginsDir(), settings.scanInterval());
        try {
            PluginHost host = new PluginHost(List.of(new Pf4jLauncher(directory, settings.stagingDir()),
                    new ExternalPluginLauncher(settings.external())), settings.initTimeout(),
                    settings.drainTimeout(), settings.restartPolicy(), settings.callLimits());
            directory.addListener(new JarSync(host));
            return new LocalPluginHost(directory, host);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    public PluginHost host() {
        return host;
    }

    /** The watched plugins directory, e.g. to register dropped-in jars; jars already present are reported as added. */
    public PluginDirectory directory() {
        return directory;
    }

    /** Shuts every plugin down (external ones get Shutdown), then stops watching the directory. */
    @Override
    public void close() {
        try {
            host.close();
        } finally {
            directory.close();
        }
    }
}
