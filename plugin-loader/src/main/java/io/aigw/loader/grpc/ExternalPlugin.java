package io.aigw.loader.grpc;

import io.aigw.loader.host.LoadedPlugin;
import io.aigw.loader.host.PluginCapabilities;
import io.aigw.loader.host.PluginProcessInfo;
import io.aigw.loader.store.HostServices;
import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.Plugin;
import io.aigw.plugin.api.ResourceProvider;
import io.aigw.runtime.Capabilities;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A connected external plugin: its channel, its process when the gateway started it, its watch,
 * and the capabilities it announced at Initialize (and no others).
 */
final class ExternalPlugin implements LoadedPlugin {

    private static final Duration STOP_GRACE = Duration.ofSeconds(3);

    private final ChannelPool channel;
    private final PluginProcess process;
    private final GrpcPluginClient client;
    private final GrpcEndpointClient endpoints;
    private final GrpcResourceClient resources;
    private final HealthWatch health;
    private final String manifestVersion;

    /** @param manifestVersion the version in the manifest beside the binary, or empty */
    ExternalPlugin(ChannelPool channel, PluginProcess process, GrpcCalls calls, HostServices hostServices,
                   HealthWatch health, String manifestVersion) {
        this.channel = channel;
        this.process = process;
        this.client = new GrpcPluginClient(calls, process != null, hostServices);
        this.endpoints = new GrpcEndpointClient(calls, client);
        this.resources = new GrpcResourceClient(calls);
        this.health = health;
        this.manifestVersion = manifestVersion;
    }

    @Override
    public Plugin plugin() {
        return client;
    }

    /** Exactly what Initialize announced; nothing before it. */
    @Override
    public PluginCapabilities capabilities() {
        PluginCapabilities announced = PluginCapabilities.NONE;
        if (client.announced(Capabilities.CUSTOM_ENDPOINT)) {
            announced = announced.with(CustomEndpointHandler.class, endpoints);
        }
        if (client.announced(Capabilities.RESOURCE_PROVIDER)) {
            announced = announced.with(ResourceProvider.class, resources);
        }
        return announced;
    }

    /** Whether small unary calls go over the EndpointCalls stream (known after Initialize). */
    boolean usesCallStreams() {
        return client.usesCallStreams();
    }

    /** What Initialize reported, else the manifest's beside the binary, else empty. */
    @Override
    public String version() {
        String reported = client.version();
        return reported.isEmpty() ? manifestVersion : reported;
    }

    @Override
    public Optional<PluginProcessInfo> process() {
        return process == null ? Optional.empty()
                : Optional.of(new PluginProcessInfo(process.pid(), process.startedAt()));
    }

    @Override
    public void watch(Consumer<String> onFailure) {
        health.start(onFailure);
    }

    @Override
    public void stopWatching() {
        health.stop();
    }

    /** After the host's Shutdown call (or without one, for a dead plugin): close the channel, end the process. */
    @Override
    public void close() {
        health.stop();
        client.closeSession();
        channel.shutdownNow();
        if (process != null) {
            process.stop(STOP_GRACE);
        }
        try {
            channel.awaitTermination(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
