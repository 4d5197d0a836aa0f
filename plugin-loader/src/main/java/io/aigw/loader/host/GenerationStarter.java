package io.aigw.loader.host;

import io.aigw.loader.command.PluginCommand;
import io.aigw.plugin.api.BasicPluginContext;
import io.aigw.loader.calls.PluginCalls;
import io.aigw.loader.store.PluginStorage;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes a new generation of a plugin: launches it, initializes it, and asks it for what its
 * capabilities need up front (endpoint registrations, only from a plugin that serves endpoints),
 * all on the plugin's own threads within the init timeout. Its context carries the store of the
 * plugin's registration (by id, so a renamed plugin keeps its keys). A plugin whose previous start is still
 * running (stuck in its constructor or {@code initialize()}) is not started a second time.
 */
final class GenerationStarter {

    private final List<PluginLauncher> launchers;
    private final LifecycleRunner lifecycle;
    private final PluginStorage storage;

    GenerationStarter(List<PluginLauncher> launchers, LifecycleRunner lifecycle, PluginStorage storage) {
        this.launchers = List.copyOf(launchers);
        this.lifecycle = lifecycle;
        this.storage = storage;
    }

    /** Runs on the plugin's lane. */
    Generation start(ManagedPlugin m, PluginSpec spec) throws PluginLoadException {
        PluginLauncher launcher = launchers.stream().filter(l -> l.handles(spec.command())).findFirst()
                .orElseThrow(() -> new PluginLoadException("unsupported command '" + spec.command()
                        + "' (expected " + PluginCommand.GRAMMAR + ")"));
        if (m.starting.get()) {
            throw new PluginLoadException("the previous start of this plugin is still running (stuck in its "
                    + "constructor or initialize()); not starting another until it returns");
        }
        PluginCalls calls = m.calls(launcher.inProcess());
        int number = m.nextGeneration++;
        AtomicBoolean abandoned = new AtomicBoolean();
        return lifecycle.run(calls, "initialize", () -> {
            m.starting.set(true);
            try {
                LoadedPlugin loaded = launch(launcher, spec);
                try {
                    Generation g = initialize(spec, number, loaded, calls);
                    synchronized (abandoned) {
                        if (!abandoned.get()) {
                            return g;
                        }
                    }
                    loaded.close(); // the host gave up on this start while it ran
                    return null;
                } catch (Throwable t) {
                    loaded.close();
                    throw t;
                }
            } finally {
                m.starting.set(false);
            }
        }, () -> {
            synchronized (abandoned) {
                abandoned.set(true);
            }
        });
    }

    private static LoadedPlugin launch(PluginLauncher launcher, PluginSpec spec) throws PluginLoadException {
        try {
            return launcher.launch(spec);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // Anything a launcher lets escape fails this plugin with the reason, never leaves it "starting".
            throw new PluginLoadException("launch failed: " + LifecycleRunner.describe(e), e);
        }
    }

    private Generation initialize(PluginSpec spec, int number, LoadedPlugin loaded, PluginCalls calls)
            throws Exception {
        loaded.plugin().initialize(BasicPluginContext.named(spec.name(), storage.forPlugin(spec.id())),
                spec.config());
        PluginCapabilities capabilities = loaded.capabilities();
        Optional<CustomEndpointHandler> endpoints = capabilities.get(CustomEndpointHandler.class);
        List<EndpointRegistration> registrations = endpoints.isPresent()
                ? List.copyOf(endpoints.get().getEndpointRegistrations()) : List.of();
        return new Generation(spec, number, loaded, capabilities, registrations, calls);
    }
}
