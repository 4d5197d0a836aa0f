package io.aigw.loader;

import io.aigw.loader.directory.PluginDirectory;
import io.aigw.loader.grpc.ExternalPluginLauncher;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.pf4j.Pf4jLauncher;
import io.aigw.loader.store.HostServices;
import io.aigw.loader.store.PluginStorage;

import java.io.IOException;
import java.util.List;

/**
 * The plugin host of this process with the plugins directory it loads jars from: every launcher
 * wired, jars kept in step with the plugins they serve, and each plugin's store (in-process
 * directly, external plugins over the host-services channel). A process's main opens one, hands
 * {@link #host()} to the gateway (and the control plane), and closes it after the gateway stopped
 * serving.
 */
public final class LocalPluginHost implements AutoCloseable {

    private final PluginDirectory directory;
    private final HostServices hostServices;
    private final PluginHost host;

    private LocalPluginHost(PluginDirectory directory, HostServices hostServices, PluginHost host) {
        this.directory = directory;
        this.hostServices = hostServices;
        this.host = host;
    }

    /** A host whose plugins have no store ({@link PluginStorage#NONE}). */
    public static LocalPluginHost open(PluginHostSettings settings) throws IOException {
        return open(settings, PluginStorage.NONE);
    }

    /**
     * @param storage what each plugin's {@code PluginContext.store()} is backed by: the control
     *                plane's database, or nothing (an edge)
     */
    public static LocalPluginHost open(PluginHostSettings settings, PluginStorage storage) throws IOException {
        PluginDirectory directory = PluginDirectory.open(settings.pluginsDir(), settings.scanInterval());
        HostServices hostServices = new HostServices();
        try {
            PluginHost host = new PluginHost(List.of(new Pf4jLauncher(directory, settings.stagingDir()),
                    new ExternalPluginLauncher(settings.external(), hostServices)), settings.initTimeout(),
                    settings.drainTimeout(), settings.restartPolicy(), settings.callLimits(), storage);
            directory.addListener(new JarSync(host));
            return new LocalPluginHost(directory, hostServices, host);
        } catch (RuntimeException e) {
            hostServices.close();
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

    /**
     * Shuts every plugin down (external ones get Shutdown), then stops the host-services channel
     * and watching the directory.
     */
    @Override
    public void close() {
        try {
            host.close();
        } finally {
            try {
                hostServices.close();
            } finally {
                directory.close();
            }
        }
    }
}
