package io.aigw.studio.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests {@link Systems}: whole test systems on one PostgreSQL per test JVM. The server starts
 * with the first test that asks and stops when the test run ends (it lives in the root context's
 * store); each system gets a fresh database in it, so test classes stay isolated while paying for
 * one server start, not one each.
 *
 * <p>Tests about the embedded database itself (its data directory surviving a restart, crash
 * recovery, a leftover postmaster) or about a separate process start their own with
 * {@link TestSystem#start(java.util.Map)} or {@link SystemProcess}.
 */
public final class SystemExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SystemExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Systems.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SharedPostgres postgres = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SharedPostgres.class, k -> SharedPostgres.start(), SharedPostgres.class);
        // keyed by this context, since stores are inherited: a test's systems end with the test,
        // a @BeforeAll method's with the class
        return context.getStore(NAMESPACE).computeIfAbsent(context.getUniqueId(), k -> new Systems(postgres),
                Systems.class);
    }
}
