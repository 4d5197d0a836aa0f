package io.aigw.loader.guard;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.lang.System.Logger.Level.WARNING;

/**
 * What plugin code calls instead of {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt} ({@link CallSiteRewriter} redirects those calls here as the plugin's classes
 * are loaded): an in-process plugin shares the gateway's JVM, so ending it would end the gateway,
 * the control plane and every other plugin. The call fails inside the plugin instead.
 *
 * <p>The {@code MethodHandles.Lookup} methods that could reach the same methods are redirected
 * too; they carry their lookup class, so going through here changes no access check.
 */
public final class ExitGuard {

    static final String REFUSED = "plugins may not end the gateway process";
    private static final System.Logger LOG = System.getLogger(ExitGuard.class.getName());
    private static final AtomicBoolean UNATTRIBUTED_LOGGED = new AtomicBoolean();

    private ExitGuard() {
    }

    public static void exit(int status) {
        throw refuse("System.exit(" + status + ")");
    }

    public static void runtimeExit(Runtime runtime, int status) {
        throw refuse("Runtime.exit(" + status + ")");
    }

    public static void runtimeHalt(Runtime runtime, int status) {
        throw refuse("Runtime.halt(" + status + ")");
    }

    public static MethodHandle findStatic(MethodHandles.Lookup lookup, Class<?> refc, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        if (endsProcess(refc, name)) {
            throw refuse("MethodHandles.Lookup.findStatic(" + refc.getSimpleName() + ", \"" + name + "\")");
        }
        return lookup.findStatic(refc, name, type);
    }

    public static MethodHandle findVirtual(MethodHandles.Lookup lookup, Class<?> refc, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        if (endsProcess(refc, name)) {
            throw refuse("MethodHandles.Lookup.findVirtual(" + refc.getSimpleName() + ", \"" + name + "\")");
        }
        return lookup.findVirtual(refc, name, type);
    }

    public static MethodHandle bind(MethodHandles.Lookup lookup, Object receiver, String name, MethodType type)
            throws NoSuchMethodException, IllegalAccessException {
        if (receiver instanceof Runtime && endsProcess(Runtime.class, name)) {
            throw refuse("MethodHandles.Lookup.bind(Runtime, \"" + name + "\")");
        }
        return lookup.bind(receiver, name, type);
    }

    public static MethodHandle unreflect(MethodHandles.Lookup lookup, Method method) throws IllegalAccessException {
        if (endsProcess(method.getDeclaringClass(), method.getName())) {
            throw refuse("MethodHandles.Lookup.unreflect(" + method.getDeclaringClass().getSimpleName() + "."
                    + method.getName() + ")");
        }
        return lookup.unreflect(method);
    }

    private static boolean endsProcess(Class<?> owner, String name) {
        return owner == System.class && name.equals("exit")
                || owner == Runtime.class && (name.equals("exit") || name.equals("halt"));
    }

    private static SecurityException refuse(String call) {
        PluginGuard.caller().ifPresentOrElse(c -> c.guard().exitRefused(call, c.type()), () -> {
            if (UNATTRIBUTED_LOGGED.compareAndSet(false, true)) {
                LOG.log(WARNING, "Plugin code tried to end the gateway process ({0}); refused", call);
            }
        });
        return new SecurityException(REFUSED + ": " + call + " refused");
    }
}
