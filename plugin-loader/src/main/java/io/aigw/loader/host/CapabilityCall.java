package io.aigw.loader.host;

/** What to do with one capability of a plugin, e.g. {@code provider -> provider.listResourceInstances(ctx, slug)}. */
@FunctionalInterface
public interface CapabilityCall<C, T> {
    T apply(C capability) throws Exception;
}
