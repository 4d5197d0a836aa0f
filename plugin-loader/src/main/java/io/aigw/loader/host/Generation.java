package io.aigw.loader.host;

import io.aigw.loader.calls.PluginCalls;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.Plugin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One initialized instance of a plugin. A reload creates a new generation; the old one is retired:
 * it takes no new requests, and is shut down once the requests it already took have finished.
 */
public final class Generation {

    private final PluginSpec spec;
    private final int number;
    private final LoadedPlugin loaded;
    private final PluginCapabilities capabilities;
    /** Looked up once: every request to the plugin asks for it. */
    private final CustomEndpointHandler endpointHandler;
    private final List<EndpointRegistration> registrations;
    private final PluginCalls calls;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CountDownLatch drained = new CountDownLatch(1);
    private volatile boolean retired;

    Generation(PluginSpec spec, int number, LoadedPlugin loaded, PluginCapabilities capabilities,
               List<EndpointRegistration> registrations, PluginCalls calls) {
        this.spec = spec;
        this.number = number;
        this.loaded = loaded;
        this.capabilities = capabilities;
        this.endpointHandler = capabilities.get(CustomEndpointHandler.class).orElse(null);
        this.registrations = List.copyOf(registrations);
        this.calls = calls;
    }

    public PluginSpec spec() {
        return spec;
    }

    public int number() {
        return number;
    }

    public String version() {
        return loaded.version();
    }

    /** The plugin's lifecycle; what it can do is {@link #capability}. */
    public Plugin plugin() {
        return loaded.plugin();
    }

    /** The process serving this generation, or null when the plugin runs without its own. */
    public PluginProcessInfo process() {
        return loaded.process().orElse(null);
    }

    /**
     * Capability {@code type} of this generation, or empty when the plugin does not have it. Calls
     * made on it directly run on the caller's thread; the control plane goes through
     * {@link PluginHost#call} instead, which runs them like the gateway runs endpoint calls.
     */
    public <T extends Plugin> Optional<T> capability(Class<T> type) {
        return capabilities.get(type);
    }

    public PluginCapabilities capabilities() {
        return capabilities;
    }

    /** The endpoint capability, or null when the plugin has none. */
    public CustomEndpointHandler endpointHandler() {
        return endpointHandler;
    }

    /** How to call this plugin's code: on which threads, how many calls at once. */
    public PluginCalls calls() {
        return calls;
    }

    public List<EndpointRegistration> registrations() {
        return registrations;
    }

    /**
     * Takes a request slot. False once retired: the caller should look up the current generation
     * again. Every successful call must be paired with {@link #release()}.
     */
    public boolean tryAcquire() {
        inFlight.incrementAndGet();
        if (retired) {
            release();
            return false;
        }
        return true;
    }

    public void release() {
        if (inFlight.decrementAndGet() == 0 && retired) {
            drained.countDown();
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    void retire() {
        retired = true;
        if (inFlight.get() == 0) {
            drained.countDown();
        }
    }

    /** Waits for in-flight requests to finish; false when {@code limit} passed first. */
    boolean awaitDrained(Duration limit) throws InterruptedException {
        return drained.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    LoadedPlugin loaded() {
        return loaded;
    }

    @Override
    public String toString() {
        return spec.name() + "#" + number + (version().isEmpty() ? "" : " v" + version());
    }
}
