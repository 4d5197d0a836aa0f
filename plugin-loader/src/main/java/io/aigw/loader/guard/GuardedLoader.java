package io.aigw.loader.guard;

/** A class loader whose classes are plugin code, guarded by {@link #guard()}. */
public interface GuardedLoader {

    PluginGuard guard();
}
