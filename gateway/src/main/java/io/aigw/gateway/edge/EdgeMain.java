package io.aigw.gateway.edge;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -cp gateway.jar:lib/* io.aigw.gateway.edge.EdgeMain} (or {@code java -jar gateway.jar}):
 * an edge gateway configured from the environment; see {@link EdgeSettings}.
 */
public final class EdgeMain {

    private EdgeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EdgeSettings settings;
        try {
            settings = EdgeSettings.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("edge gateway: " + e.getMessage());
            System.exit(2);
            return;
        }
        Edge edge = Edge.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            edge.close();
            stopped.countDown();
        }, "edge-shutdown"));
        stopped.await();
    }
}
