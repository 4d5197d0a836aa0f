package io.aigw.loader.directory;

import io.aigw.loader.manifest.InvalidManifestException;
import io.aigw.loader.manifest.ManifestReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

/**
 * Watches the plugins directory for {@code *.jar} files. A jar is read only once its size and
 * modification time held still across two scans, so a half-copied file is never loaded. An
 * unreadable jar is skipped with a log line naming the file and the reason; if it replaced a good
 * one, the good one stays in effect.
 */
public final class PluginDirectory implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PluginDirectory.class.getName());

    private final Path dir;
    private final Duration interval;
    private final Map<String, PluginJar> byId = new ConcurrentHashMap<>();
    private final Map<Path, Observation> observed = new HashMap<>();
    private final Set<String> reportedDuplicates = new HashSet<>();
    private final List<PluginJarListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile boolean closed;
    private Thread scanner;

    /** What was last seen at one path. */
    private static final class Observation {
        String fingerprint;
        boolean settled;
        PluginJar lastGood;

        Observation(String fingerprint) {
            this.fingerprint = fingerprint;
        }
    }

    private PluginDirectory(Path dir, Duration interval) {
        this.dir = dir;
        this.interval = interval;
    }

    /** Opens the directory (creating it if needed), reads what is there now, and starts watching. */
    public static PluginDirectory open(Path dir, Duration interval) throws IOException {
        Files.createDirectories(dir);
        PluginDirectory directory = new PluginDirectory(dir, interval);
        directory.scan(true);
        directory.scanner = Thread.ofPlatform().daemon().name("plugins-dir-scanner").start(directory::watch);
        LOG.log(INFO, "Watching {0} for plugin jars ({1} found)", dir, directory.byId.size());
        return directory;
    }

    public Path path() {
        return dir;
    }

    /** The jar whose manifest id is {@code pluginId}. */
    public Optional<PluginJar> jar(String pluginId) {
        return Optional.ofNullable(byId.get(pluginId));
    }

    public Collection<PluginJar> jars() {
        return List.copyOf(byId.values());
    }

    /** Adds a listener and reports every jar present now to it as added. */
    public void addListener(PluginJarListener listener) {
        synchronized (lock) {
            byId.values().forEach(listener::jarAdded);
            listeners.add(listener);
        }
    }

    /** Scans once now instead of waiting for the next interval (jars must still have settled). */
    public void scanNow() {
        scan(false);
    }

    @Override
    public void close() {
        closed = true;
        if (scanner != null) {
            scanner.interrupt();
        }
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(interval);
                scan(false);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(WARNING, "scanning " + dir + " failed", e);
            }
        }
    }

    private void scan(boolean trustFiles) {
        synchronized (lock) {
            Map<Path, String> present = listJars();
            observed.keySet().retainAll(present.keySet());
            present.forEach((path, fingerprint) -> observe(path, fingerprint, trustFiles));
            Map<String, PluginJar> next = resolveIds();
            publishDifferences(next);
        }
    }

    private void observe(Path path, String fingerprint, boolean trustFiles) {
        Observation o = observed.get(path);
        if (o == null || !o.fingerprint.equals(fingerprint)) {
            PluginJar previous = o == null ? null : o.lastGood;
            o = new Observation(fingerprint);
            o.lastGood = previous;
            observed.put(path, o);
            if (!trustFiles) {
                return; // wait one more scan: the file may still be being written
            }
        }
        if (o.settled) {
            return;
        }
        o.settled = true;
        try {
            o.lastGood = new PluginJar(path, ManifestReader.fromJar(path), fingerprint);
        } catch (InvalidManifestException e) {
            LOG.log(WARNING, "Skipping plugin jar {0}: {1}{2}", path, e.getMessage(),
                    o.lastGood == null ? "" : " (keeping the previous version of plugin " + o.lastGood.manifest().id() + ")");
        }
    }

    private Map<String, PluginJar> resolveIds() {
        Map<String, PluginJar> next = new LinkedHashMap<>();
        new TreeMap<>(observed).forEach((path, o) -> {
            if (o.lastGood == null) {
                return;
            }
            String id = o.lastGood.manifest().id();
            PluginJar holder = next.putIfAbsent(id, o.lastGood);
            if (holder != null && reportedDuplicates.add(path + "|" + o.fingerprint)) {
                LOG.log(WARNING, "Skipping plugin jar {0}: plugin id ''{1}'' is already provided by {2}",
                        path, id, holder.path().getFileName());
            }
        });
        return next;
    }

    private void publishDifferences(Map<String, PluginJar> next) {
        Map<String, PluginJar> previous = Map.copyOf(byId);
        byId.keySet().retainAll(next.keySet());
        byId.putAll(next);
        previous.forEach((id, old) -> {
            PluginJar now = next.get(id);
            if (now == null) {
                LOG.log(INFO, "Plugin jar {0} (plugin {1}) removed", old.path().getFileName(), id);
                listeners.forEach(l -> safely(() -> l.jarRemoved(old)));
            } else if (!Objects.equals(now.fingerprint(), old.fingerprint()) || !now.path().equals(old.path())) {
                LOG.log(INFO, "Plugin jar {0} (plugin {1}) changed, version {2}", now.path().getFileName(), id,
                        now.manifest().version());
                listeners.forEach(l -> safely(() -> l.jarChanged(old, now)));
            }
        });
        next.forEach((id, jar) -> {
            if (!previous.containsKey(id)) {
                LOG.log(INFO, "Plugin jar {0} (plugin {1} version {2}) found", jar.path().getFileName(), id,
                        jar.manifest().version());
                listeners.forEach(l -> safely(() -> l.jarAdded(jar)));
            }
        });
    }

    private Map<Path, String> listJars() {
        Map<Path, String> jars = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar")).forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        jars.put(p, a.size() + ":" + a.lastModifiedTime() + ":" + a.fileKey());
                    }
                } catch (IOException e) {
                    // vanished between listing and reading: it simply isn't there
                }
            });
        } catch (IOException e) {
            LOG.log(WARNING, "cannot list {0}: {1}", dir, e.getMessage());
        }
        return jars;
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(WARNING, "plugin jar listener failed", e);
        }
    }
}
