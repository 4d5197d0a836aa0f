package io.aigw.loader.pf4j;

import io.aigw.plugin.api.CustomEndpointHandler;
import io.aigw.plugin.api.EndpointRequest;
import io.aigw.plugin.api.Plugin;
import io.aigw.plugin.api.RequestContext;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Stands in for an in-process plugin towards the host: every call runs with the plugin's class
 * loader as the thread's context class loader. Libraries that look classes up through it then find
 * the plugin's, and every thread the plugin starts inherits it, which is how unloading finds the
 * threads a plugin left running ({@link io.aigw.loader.guard.SpawnedThreads}).
 */
final class ContextLoaderProxy implements InvocationHandler {

    /** Called for every unary request to the plugin: called directly, not through reflection. */
    private static final Method HANDLE_ENDPOINT_REQUEST;

    static {
        try {
            HANDLE_ENDPOINT_REQUEST = CustomEndpointHandler.class.getMethod("handleEndpointRequest",
                    RequestContext.class, EndpointRequest.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Plugin target;
    private final ClassLoader loader;

    private ContextLoaderProxy(Plugin target, ClassLoader loader) {
        this.target = target;
        this.loader = loader;
    }

    /** {@code plugin} behind every plugin-API interface it implements (so capability checks still work). */
    static Plugin wrap(Plugin plugin, ClassLoader loader) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = plugin.getClass(); c != null; c = c.getSuperclass()) {
            collectApiInterfaces(c, interfaces);
        }
        return (Plugin) Proxy.newProxyInstance(ContextLoaderProxy.class.getClassLoader(), interfaces.toArray(Class<?>[]::new),
                new ContextLoaderProxy(plugin, loader));
    }

    /** The plugin's own object behind {@code plugin}. */
    static Plugin unwrap(Plugin plugin) {
        return Proxy.isProxyClass(plugin.getClass()) && Proxy.getInvocationHandler(plugin) instanceof ContextLoaderProxy calls
                ? calls.target : plugin;
    }

    private static void collectApiInterfaces(Class<?> type, Set<Class<?>> into) {
        for (Class<?> i : type.getInterfaces()) {
            if (i.getClassLoader() == Plugin.class.getClassLoader()
                    && i.getPackageName().equals(Plugin.class.getPackageName())) {
                into.add(i);
            }
            collectApiInterfaces(i, into);
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    break;
            }
        }
        if (HANDLE_ENDPOINT_REQUEST.equals(method)) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                return ((CustomEndpointHandler) target).handleEndpointRequest((RequestContext) args[0],
                        (EndpointRequest) args[1]);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        return callAsPlugin(() -> {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }, loader);
    }

    interface Call<T> {
        T run() throws Throwable;
    }

    /** Runs {@code call} with {@code loader} as the context class loader, restoring the caller's after. */
    static <T> T callAsPlugin(Call<T> call, ClassLoader loader) throws Throwable {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
