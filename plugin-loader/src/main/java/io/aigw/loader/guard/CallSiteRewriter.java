package io.aigw.loader.guard;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a plugin class file as its class loader defines it, so that plugin code cannot end the
 * gateway's JVM and what it starts can be stopped when it is unloaded:
 * <ul>
 *   <li>calls to {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} (direct, as
 *       method references, as method handle constants, and through the
 *       {@code MethodHandles.Lookup} methods that find them) go to {@link ExitGuard}, which throws;</li>
 *   <li>{@code new Timer / ThreadPoolExecutor / ScheduledThreadPoolExecutor(...)} creates the
 *       tracked subclass instead, and executors from {@code Executors} are passed to
 *       {@link ThreadGuard#track}.</li>
 * </ul>
 * Every instruction keeps its stack effect, so frames and stack sizes stay valid as they are.
 * Not covered: {@code Method.invoke} on these methods (it is caller-sensitive, so it cannot be
 * routed through the host without changing access checks), native code, and classes the plugin
 * gets from the host (the JDK, the plugin API).
 */
public final class CallSiteRewriter {

    private static final String EXIT_GUARD = Type.getInternalName(ExitGuard.class);
    private static final String THREAD_GUARD = Type.getInternalName(ThreadGuard.class);
    private static final String LOOKUP = "java/lang/invoke/MethodHandles$Lookup";
    private static final String EXECUTORS = "java/util/concurrent/Executors";
    private static final String EXECUTOR_SERVICE = "java/util/concurrent/ExecutorService";
    private static final String SCHEDULED_EXECUTOR_SERVICE = "java/util/concurrent/ScheduledExecutorService";
    private static final String FIND_DESC =
            "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/MethodHandle;";

    /** owner.name+desc of a call that may end the process → the {@link ExitGuard} method taking its place. */
    private static final Map<String, Redirect> EXIT_CALLS = Map.of(
            "java/lang/System.exit(I)V", new Redirect(false, "exit"),
            "java/lang/Runtime.exit(I)V", new Redirect(true, "runtimeExit"),
            "java/lang/Runtime.halt(I)V", new Redirect(true, "runtimeHalt"),
            LOOKUP + ".findStatic" + FIND_DESC, new Redirect(true, "findStatic"),
            LOOKUP + ".findVirtual" + FIND_DESC, new Redirect(true, "findVirtual"),
            LOOKUP + ".bind(Ljava/lang/Object;Ljava/lang/String;Ljava/lang/invoke/MethodType;)"
                    + "Ljava/lang/invoke/MethodHandle;", new Redirect(true, "bind"),
            LOOKUP + ".unreflect(Ljava/lang/reflect/Method;)Ljava/lang/invoke/MethodHandle;",
            new Redirect(true, "unreflect"));

    /** JDK classes whose instances own threads that ignore interrupts → the tracked subclass. */
    private static final Map<String, String> TRACKED_TYPES = Map.of(
            "java/util/Timer", Type.getInternalName(TrackedTimer.class),
            "java/util/concurrent/ThreadPoolExecutor", Type.getInternalName(TrackedThreadPoolExecutor.class),
            "java/util/concurrent/ScheduledThreadPoolExecutor",
            Type.getInternalName(TrackedScheduledThreadPoolExecutor.class));

    private static final Set<String> EXIT_OWNERS = Set.of("java/lang/System", "java/lang/Runtime");
    private static final Set<String> EXIT_NAMES = Set.of("exit", "halt");
    private static final Set<String> LOOKUP_NAMES = Set.of("findStatic", "findVirtual", "bind", "unreflect");
    private static final int CONSTANT_CLASS = 7;
    private static final int CONSTANT_NAME_AND_TYPE = 12;

    private CallSiteRewriter() {
    }

    /**
     * The class file with those call sites rewritten; {@code classFile} itself when it has none.
     *
     * @throws IllegalArgumentException when the class file cannot be read (e.g. a version newer
     *                                  than this gateway's ASM knows)
     */
    public static byte[] rewrite(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        if (!mayNeedRewriting(reader)) {
            return classFile;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        Rewriter rewriter = new Rewriter(writer);
        reader.accept(rewriter, 0);
        return rewriter.changed ? writer.toByteArray() : classFile;
    }

    private record Redirect(boolean hasReceiver, String guardMethod) {
        String descriptor(String owner, String desc) {
            return hasReceiver ? "(L" + owner + ";" + desc.substring(1) : desc;
        }
    }

    private static final class Rewriter extends ClassVisitor {
        boolean changed;

        Rewriter(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            return new MethodRewriter(super.visitMethod(access, name, descriptor, signature, exceptions), this);
        }
    }

    private static final class MethodRewriter extends MethodVisitor {
        private final Rewriter owner;
        /** Swapped {@code new}s per type whose constructor call is still to come (they nest). */
        private final Map<String, Integer> pendingNews = new HashMap<>();

        MethodRewriter(MethodVisitor next, Rewriter owner) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            String tracked = opcode == Opcodes.NEW ? TRACKED_TYPES.get(type) : null;
            if (tracked != null) {
                pendingNews.merge(type, 1, Integer::sum);
                owner.changed = true;
                super.visitTypeInsn(opcode, tracked);
                return;
            }
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitMethodInsn(int opcode, String callOwner, String name, String descriptor, boolean isInterface) {
            Redirect redirect = opcode == Opcodes.INVOKESTATIC || opcode == Opcodes.INVOKEVIRTUAL
                    ? EXIT_CALLS.get(callOwner + "." + name + descriptor) : null;
            if (redirect != null && redirect.hasReceiver() == (opcode == Opcodes.INVOKEVIRTUAL)) {
                owner.changed = true;
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EXIT_GUARD, redirect.guardMethod(),
                        redirect.descriptor(callOwner, descriptor), false);
                return;
            }
            if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") && pendingNews.getOrDefault(callOwner, 0) > 0) {
                // the constructor call of a swapped `new` (a subclass calling its super constructor has none)
                pendingNews.merge(callOwner, -1, Integer::sum);
                super.visitMethodInsn(opcode, TRACKED_TYPES.get(callOwner), name, descriptor, isInterface);
                return;
            }
            super.visitMethodInsn(opcode, callOwner, name, descriptor, isInterface);
            if (opcode == Opcodes.INVOKESTATIC && callOwner.equals(EXECUTORS)) {
                String returned = Type.getReturnType(descriptor).getInternalName();
                if (returned.equals(EXECUTOR_SERVICE) || returned.equals(SCHEDULED_EXECUTOR_SERVICE)) {
                    owner.changed = true;
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, THREAD_GUARD, "track",
                            "(L" + EXECUTOR_SERVICE + ";)L" + EXECUTOR_SERVICE + ";", false);
                    if (!returned.equals(EXECUTOR_SERVICE)) {
                        super.visitTypeInsn(Opcodes.CHECKCAST, returned);
                    }
                }
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, constants(arguments));
        }

        @Override
        public void visitLdcInsn(Object value) {
            super.visitLdcInsn(constant(value));
        }

        private Object[] constants(Object[] values) {
            Object[] result = values.clone();
            for (int i = 0; i < result.length; i++) {
                result[i] = constant(result[i]);
            }
            return result;
        }

        /** A method reference or method handle constant pointing at an exit call points at the guard instead. */
        private Object constant(Object value) {
            if (value instanceof Handle h) {
                Redirect redirect = EXIT_CALLS.get(h.getOwner() + "." + h.getName() + h.getDesc());
                boolean virtual = h.getTag() == Opcodes.H_INVOKEVIRTUAL;
                if (redirect != null && (virtual || h.getTag() == Opcodes.H_INVOKESTATIC)
                        && redirect.hasReceiver() == virtual) {
                    owner.changed = true;
                    return new Handle(Opcodes.H_INVOKESTATIC, EXIT_GUARD, redirect.guardMethod(),
                            redirect.descriptor(h.getOwner(), h.getDesc()), false);
                }
                return value;
            }
            if (value instanceof ConstantDynamic c) {
                Object[] args = new Object[c.getBootstrapMethodArgumentCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = constant(c.getBootstrapMethodArgument(i));
                }
                return new ConstantDynamic(c.getName(), c.getDescriptor(), c.getBootstrapMethod(), args);
            }
            return value;
        }
    }

    /**
     * A first look at the constant pool only (most classes stop here): every call, method handle
     * and {@code new} names its class in a Class entry, every member name is in a NameAndType.
     */
    private static boolean mayNeedRewriting(ClassReader reader) {
        char[] buffer = new char[reader.getMaxStringLength()];
        Set<String> classes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0) {
                continue;   // the unused slot after a long or double
            }
            int tag = reader.readByte(offset - 1);
            if (tag == CONSTANT_CLASS) {
                String name = reader.readUTF8(offset, buffer);
                if (TRACKED_TYPES.containsKey(name) || name.equals(EXECUTORS)) {
                    return true;
                }
                classes.add(name);
            } else if (tag == CONSTANT_NAME_AND_TYPE) {
                names.add(reader.readUTF8(offset, buffer));
            }
        }
        boolean exitCall = EXIT_OWNERS.stream().anyMatch(classes::contains)
                && EXIT_NAMES.stream().anyMatch(names::contains);
        boolean lookupCall = classes.contains(LOOKUP) && LOOKUP_NAMES.stream().anyMatch(names::contains);
        return exitCall || lookupCall;
    }
}
