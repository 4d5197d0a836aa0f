package io.aigw.studio.plugins;

import io.aigw.gateway.routing.PluginSlug;
import io.aigw.loader.command.PluginCommand;
import io.aigw.loader.directory.PluginJar;
import io.aigw.loader.directory.PluginJarListener;
import io.aigw.loader.manifest.PluginManifest;
import io.aigw.plugin.api.HookType;
import io.aigw.studio.db.Database;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers plugin jars dropped into the plugins directory, from their manifests.
 *
 * <p>Events are handled one at a time on a thread of our own, never on the gateway's watcher
 * thread: a registration is published to the gateway when it commits, and {@code Gateway.apply}
 * must not wait on the thread that is delivering the event.
 */
public final class DropInRegistrar implements PluginJarListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DropInRegistrar.class.getName());

    private final Database db;
    private final PluginRepository plugins = new PluginRepository();
    private final SlugGuard slugs = new SlugGuard(plugins);
    private final ExecutorService events = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("plugin-jar-events").factory());

    public DropInRegistrar(Database db) {
        this.db = db;
    }

    @Override
    public void jarAdded(PluginJar jar) {
        submit(jar, () -> register(jar));
    }

    @Override
    public void jarChanged(PluginJar previous, PluginJar jar) {
        submit(jar, () -> refreshManifest(jar));
    }

    @Override
    public void jarRemoved(PluginJar jar) {
        // The registration (and its config) stays: the jar may be on its way back, and deleting an
        // operator's settings because a file moved would be worse than a plugin reported as failed.
        LOG.info(() -> "plugin jar " + jar.path().getFileName() + " removed; registration of "
                + new PluginCommand.Pf4j(jar.manifest().id()) + " kept");
    }

    private void register(PluginJar jar) {
        PluginManifest m = jar.manifest();
        String command = new PluginCommand.Pf4j(m.id()).toString();
        String file = jar.path().getFileName().toString();
        boolean inserted = db.transaction(h -> {
            List<PluginRow> existing = plugins.findByCommand(h, command);
            if (!existing.isEmpty()) {
                // It may have changed while we were not running; the config stays the operator's.
                plugins.updateManifest(h, command, m.json());
                return false;
            }
            insert(h, m, command, file);
            return true;
        });
        if (!inserted) {
            LOG.fine(() -> "plugin jar " + file + ": " + command + " is already registered");
        }
    }

    private void insert(Handle h, PluginManifest m, String command, String file) {
        // Only hook types the platform knows are registered, as the admin API would insist.
        List<String> hooks = m.hooks().stream().filter(hook -> HookType.named(hook).isPresent()).toList();
        List<String> unknown = m.hooks().stream().filter(hook -> HookType.named(hook).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            LOG.warning(() -> "plugin jar " + file + ": unknown hook types " + unknown + " in the manifest of "
                    + command + " ignored (known: " + String.join(", ", HookType.wireNames()) + ")");
        }
        String hook = HookType.named(m.primaryHook()).isPresent() ? m.primaryHook()
                : hooks.isEmpty() ? HookType.CUSTOM_ENDPOINT.wireName() : hooks.getFirst();
        NewPlugin plugin = new NewPlugin(m.name(), m.description(), command, hook,
                hooks.isEmpty() ? List.of(hook) : hooks, m.defaultConfig(), true, m.json(),
                PluginRow.SOURCE_PLUGINS_DIR);
        String slug = PluginSlug.of(m.defaultConfig());
        if (slug != null && !PluginSlug.isValid(slug)) {
            plugin = plugin.withActive(false);
            LOG.warning(() -> "plugin jar " + file + ": default slug '" + slug + "' of " + command
                    + " is not a valid slug (" + PluginSlug.PATTERN.pattern() + "); registered inactive");
        }
        Optional<PluginRow> clash = slugs.conflict(h, plugin, 0);
        if (clash.isPresent()) {
            plugin = plugin.withActive(false);
            PluginRow other = clash.get();
            LOG.warning(() -> "plugin jar " + file + ": default slug '" + slug
                    + "' of " + command + " is already used by active plugin " + other.id() + " ('"
                    + other.name() + "'); registered inactive — change its slug and activate it");
        }
        PluginRow row = plugins.insert(h, plugin);
        LOG.info(() -> "plugin jar " + file + ": registered " + command + " as plugin " + row.id() + " ('"
                + row.name() + "', version " + m.version() + (row.isActive() ? ")" : ", inactive)"));
    }

    private void refreshManifest(PluginJar jar) {
        String command = new PluginCommand.Pf4j(jar.manifest().id()).toString();
        int updated = db.transaction(h -> plugins.updateManifest(h, command, jar.manifest().json()));
        LOG.info(() -> "plugin jar " + jar.path().getFileName() + " changed (version " + jar.manifest().version()
                + "); manifest of " + updated + " registration(s) of " + command + " updated");
        if (updated == 0 && db.read(h -> plugins.findByCommand(h, command)).isEmpty()) {
            register(jar); // a changed jar whose id we have never seen (its manifest id changed)
        }
    }

    private void submit(PluginJar jar, Runnable work) {
        try {
            events.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "plugin jar " + jar.path().getFileName() + ": registration failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.fine(() -> "plugin jar " + jar.path().getFileName() + ": event ignored while shutting down");
        }
    }

    @Override
    public void close() {
        events.shutdown();
        try {
            if (!events.awaitTermination(10, TimeUnit.SECONDS)) {
                events.shutdownNow();
            }
        } catch (InterruptedException e) {
            events.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
