package io.aigw.loader.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several connections to one plugin, calls spread round-robin: one HTTP/2 connection is served
 * by one event-loop thread at each end, which caps a busy plugin at one core of framing work.
 */
final class ChannelPool extends Channel {

    private final List<ManagedChannel> channels;
    private final AtomicInteger next = new AtomicInteger();

    ChannelPool(List<ManagedChannel> channels) {
        this.channels = List.copyOf(channels);
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
        return channels.get(Math.floorMod(next.getAndIncrement(), channels.size())).newCall(method, options);
    }

    @Override
    public String authority() {
        return channels.getFirst().authority();
    }

    void shutdownNow() {
        channels.forEach(ManagedChannel::shutdownNow);
    }

    void awaitTermination(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (ManagedChannel c : channels) {
            c.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}
