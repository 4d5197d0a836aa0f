package io.aigw.loader.pf4j;

import io.aigw.loader.command.InvalidPluginCommandException;
import io.aigw.loader.command.PluginCommand;
import io.aigw.loader.directory.PluginDirectory;
import io.aigw.loader.directory.PluginJar;
import io.aigw.loader.guard.PluginGuard;
import io.aigw.loader.host.LoadedPlugin;
import io.aigw.loader.host.PluginLauncher;
import io.aigw.loader.host.PluginLoadException;
import io.aigw.loader.host.PluginSpec;
import io.aigw.plugin.api.Plugin;
import org.pf4j.PluginWrapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.ServiceConfigurationError;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static java.lang.System.Logger.Level.WARNING;

/**
 * Loads {@code pf4j:<plugin-id>}: the jar in the plugins directory whose manifest has that id.
 * The jar is first copied to a private staging directory, so an operator replacing the file
 * never pulls it from under classes still serving requests.
 */
public final class Pf4jLauncher implements PluginLauncher {

    private static final System.Logger LOG = System.getLogger(Pf4jLauncher.class.getName());
    /** How long unloading waits for the threads a plugin left running to end once told to. */
    private static final Duration THREAD_STOP_LIMIT = Duration.ofSeconds(2);

    private final PluginDirectory directory;
    private final Path stagingRoot;
    private final AtomicLong sequence = new AtomicLong();

    public Pf4jLauncher(PluginDirectory directory, Path stagingRoot) {
        this.directory = directory;
        this.stagingRoot = stagingRoot;
        deleteRecursively(stagingRoot);
    }

    public static String commandFor(String pluginId) {
        return new PluginCommand.Pf4j(pluginId).toString();
    }

    @Override
    public boolean handles(String command) {
        return command.startsWith(PluginCommand.Pf4j.PREFIX);
    }

    @Override
    public LoadedPlugin launch(PluginSpec spec) throws PluginLoadException {
        String pluginId = pluginId(spec);
        PluginJar jar = directory.jar(pluginId).orElseThrow(() -> new PluginLoadException(
                "no jar with plugin id '" + pluginId + "' in " + directory.path()));
        Path stagingDir = stagingRoot.resolve(pluginId + "-" + sequence.incrementAndGet());
        SingleJarPluginManager manager = new SingleJarPluginManager(stagingDir);
        try {
            Files.createDirectories(stagingDir);
            Path staged = Files.copy(jar.path(), stagingDir.resolve(jar.path().getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
            String loadedId = manager.loadPlugin(staged);
            manager.startPlugin(loadedId);
            PluginWrapper wrapper = manager.getPlugin(loadedId);
            Plugin plugin = ((HostedPlugin) wrapper.getPlugin()).plugin();
            PluginGuard guard = ((ApiFirstClassLoader) wrapper.getPluginClassLoader()).guard();
            return new Pf4jPlugin(plugin, wrapper.getDescriptor().getVersion(), manager, loadedId, stagingDir, guard);
        } catch (IOException e) {
            cleanUp(manager, stagingDir);
            throw new PluginLoadException("cannot stage " + jar.path().getFileName() + ": " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            cleanUp(manager, stagingDir);
            throw new PluginLoadException(jar.path().getFileName() + ": " + rootMessage(e), e);
        }
    }

    private static String pluginId(PluginSpec spec) throws PluginLoadException {
        PluginCommand command;
        try {
            command = PluginCommand.parse(spec.command());
        } catch (InvalidPluginCommandException e) {
            throw new PluginLoadException(e.getMessage(), e);
        }
        if (command instanceof PluginCommand.Pf4j(String pluginId)) {
            return pluginId;
        }
        throw new PluginLoadException("not a pf4j: command: " + command);
    }

    private static void cleanUp(SingleJarPluginManager manager, Path stagingDir) {
        try {
            // a plugin that failed while starting may already have started threads
            manager.getPlugins().stream().map(PluginWrapper::getPluginClassLoader)
                    .filter(ApiFirstClassLoader.class::isInstance)
                    .forEach(l -> ((ApiFirstClassLoader) l).guard().threads().stop(THREAD_STOP_LIMIT));
            manager.unloadPlugins();
        } catch (RuntimeException ignored) {
            // best effort: the manager may not have loaded anything
        }
        deleteRecursively(stagingDir);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(WARNING, "cannot clean {0}: {1}", dir, e.getMessage());
        }
    }

    private record Pf4jPlugin(Plugin plugin, String version, SingleJarPluginManager manager, String pf4jId,
                              Path stagingDir, PluginGuard guard) implements LoadedPlugin {
        @Override
        public void close() {
            try {
                // after the plugin's own shutdown: whatever it still runs is stopped before its classes go
                guard.threads().stop(THREAD_STOP_LIMIT);
                manager.stopPlugin(pf4jId);
                manager.unloadPlugin(pf4jId);
            } catch (RuntimeException e) {
                LOG.log(WARNING, "unloading {0} failed: {1}", pf4jId, e.getMessage());
            } finally {
                deleteRecursively(stagingDir);
            }
        }
    }
}
