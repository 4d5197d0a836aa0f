package io.aigw.loader.testing.plugins;

import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRegistration;
import io.aigw.plugin.api.PluginContext;

import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plugin that starts background work in initialize and forgets it in shutdown: a timer, two
 * scheduled executors (one from {@code Executors}, one constructed), a thread that ends when
 * interrupted and, with config {@code stubborn}, one that ignores interrupts for 10 s. It also
 * subclasses Timer, which the rewriting of {@code new Timer} must leave working.
 */
public final class ThreadLeavingPlugin implements CustomEndpointHandler {

    private final AtomicLong ticks = new AtomicLong();
    private Timer timer;
    private ScheduledExecutorService scheduler;
    private ScheduledThreadPoolExecutor pool;

    @Override
    public void initialize(PluginContext context, Map<String, String> config) {
        timer = new Timer("leaky-timer", true);
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                ticks.incrementAndGet();
            }
        }, 0, 20);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "leaky-scheduler"));
        scheduler.scheduleAtFixedRate(ticks::incrementAndGet, 0, 20, TimeUnit.MILLISECONDS);
        pool = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "leaky-pool"));
        pool.scheduleWithFixedDelay(ticks::incrementAndGet, 0, 20, TimeUnit.MILLISECONDS);
        Thread.ofPlatform().name("leaky-sleeper").daemon().start(() -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // asked to stop: done
            }
        });
        // A subclass's own constructor call to Timer's must stay as it is (the class must still load).
        new Timer("tidy-subclassed-timer", true) {
        }.cancel();
        if (config.containsKey("stubborn")) {
            Thread.ofPlatform().name("leaky-stubborn").daemon().start(() -> {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (System.nanoTime() < end) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException ignored) {
                        // carries on regardless
                    }
                }
            });
        }
    }

    @Override
    public List<EndpointRegistration> getEndpointRegistrations() {
        return List.of(EndpointRegistration.builder("/*").methods("GET").build());
    }
}
