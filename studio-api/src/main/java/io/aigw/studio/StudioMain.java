package io.aigw.studio;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;

/** {@code java -jar studio-api.jar}: control plane plus embedded gateway, configured from the environment. */
public final class StudioMain {

    private StudioMain() {
    }

    public static void main(String[] args) throws IOException {
        configureLogging();
        Studio studio = Studio.start(StudioSettings.fromEnv(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(studio::close, "studio-shutdown"));
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
