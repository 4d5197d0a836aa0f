package io.aigw.loader.testing.plugins.bundled;

/** Stands for a library bundled in a plugin jar that ends the process on a fatal error. */
public final class Terminator {

    private Terminator() {
    }

    public static void fatal(String why) {
        System.err.println("fatal: " + why);
        System.exit(70);
    }
}
