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
 * Each connection also carries one {@link EndpointCallStream} for small unary endpoint calls.
 */
final class ChannelPool extends Channel {

    private final List<ManagedChannel> channels;
    /** One per connection, in the same order. */
    private final List<EndpointCallStream> callStreams;
    private final AtomicInteger next = new AtomicInteger();

    ChannelPool(List<ManagedChannel> channels) {
        this.channels = List.copyOf(channels);
        this.callStreams = this.channels.stream().map(EndpointCallStream::new).toList();
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
        return channels.get(nextIndex()).newCall(method, options);
    }

    /** The EndpointCalls stream of the next connection in turn. */
    EndpointCallStream callStream() {
        return callStreams.get(nextIndex());
    }

    private int nextIndex() {
        return Math.floorMod(next.getAndIncrement(), channels.size());
    }

    @Override
    public String authority() {
        return channels.getFirst().authority();
    }

    void shutdownNow() {
        callStreams.forEach(EndpointCallStream::close);
        channels.forEach(ManagedChannel::shutdownNow);
    }

    void awaitTermination(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (ManagedChannel c : channels) {
            c.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}
