package io.aigw.studio;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;

/** {@code java -jar studio-api.jar}: control plane plus embedded gateway, configured from the environment. */
public final class StudioMain {

    private StudioMain() {
    }

    public static void main(String[] args) throws IOException {
        // Must be set before anything logs; see ShutdownLogManager for why.
        System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
        configureLogging();
        Studio studio = Studio.start(StudioSettings.fromEnv(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ShutdownLogManager logs = LogManager.getLogManager() instanceof ShutdownLogManager m ? m : null;
            if (logs != null) {
                logs.holdUntilFinished();
            }
            studio.close();
            if (logs != null) {
                logs.finish();
            }
        }, "studio-shutdown"));
    }

    // An explicit -Djava.util.logging.config.file wins over the bundled one-line format.
    private static void configureLogging() throws IOException {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = StudioMain.class.getResourceAsStream("/logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        }
    }
}
