package io.aigw.loader.store;

import io.aigw.plugin.api.PluginStore;

/** The in-memory storage keeps the contract every store keeps. */
class MemoryPluginStorageTest extends PluginStoreContract {

    private final MemoryPluginStorage storage = new MemoryPluginStorage();

    @Override
    protected PluginStore pluginA() {
        return storage.forPlugin(1);
    }

    @Override
    protected PluginStore pluginB() {
        return storage.forPlugin(2);
    }
}
