package io.aigw.loader.directory;

/** Hears about plugin jars appearing in, changing in, or leaving the plugins directory. */
public interface PluginJarListener {

    /** A new jar with a valid manifest, also called for jars present when listening starts. */
    default void jarAdded(PluginJar jar) {
    }

    /** A jar was replaced or rewritten; {@code jar} is the new content. */
    default void jarChanged(PluginJar previous, PluginJar jar) {
    }

    /** A jar was deleted (or became unreadable). */
    default void jarRemoved(PluginJar jar) {
    }
}
