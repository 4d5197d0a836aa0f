package io.aigw.loader;

import io.aigw.loader.directory.PluginJar;
import io.aigw.loader.directory.PluginJarListener;
import io.aigw.loader.host.PluginHost;
import io.aigw.loader.host.PluginState;
import io.aigw.loader.pf4j.Pf4jLauncher;

/** Keeps pf4j plugins in step with their jars in the plugins directory. */
final class JarSync implements PluginJarListener {

    private final PluginHost host;

    JarSync(PluginHost host) {
        this.host = host;
    }

    @Override
    public void jarAdded(PluginJar jar) {
        // Only plugins that failed for want of this jar; running ones are not disturbed.
        String command = Pf4jLauncher.commandFor(jar.manifest().id());
        host.entries().stream()
                .filter(e -> e.spec().command().equals(command) && e.status().state() != PluginState.RUNNING)
                .forEach(e -> host.reload(e.spec().id()));
    }

    @Override
    public void jarChanged(PluginJar previous, PluginJar jar) {
        host.reloadCommand(Pf4jLauncher.commandFor(jar.manifest().id()));
    }

    @Override
    public void jarRemoved(PluginJar jar) {
        host.unloadCommand(Pf4jLauncher.commandFor(jar.manifest().id()),
                "jar " + jar.path().getFileName() + " was removed from the plugins directory");
    }
}
