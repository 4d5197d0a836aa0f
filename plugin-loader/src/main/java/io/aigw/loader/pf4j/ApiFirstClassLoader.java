package io.aigw.loader.pf4j;

import io.aigw.loader.guard.CallSiteRewriter;
import io.aigw.loader.guard.GuardedLoader;
import io.aigw.loader.guard.PluginGuard;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.cert.Certificate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

/**
 * PF4J's parent-last loader for one plugin jar, except that:
 * <ul>
 *   <li>the plugin API always comes from the host: a plugin jar that wrongly bundles its own copy
 *       of the API would otherwise get classes the host cannot cast;</li>
 *   <li>every class it defines from the jar (the plugin's own and its bundled libraries) is first
 *       passed through {@link CallSiteRewriter}, so plugin code cannot end the gateway's JVM and its
 *       timers and executors can be stopped at unload; the guard classes the rewritten code calls
 *       always come from the host too, so a jar cannot bring its own.</li>
 * </ul>
 */
final class ApiFirstClassLoader extends PluginClassLoader implements GuardedLoader {

    private static final String API_PACKAGE = "io.aigw.plugin.api.";
    private static final String GUARD_PACKAGE = PluginGuard.class.getPackageName() + ".";

    private final JarFile jar;
    private final URL jarUrl;
    private final Manifest manifest;
    private final CodeSource codeSource;
    private final PluginGuard guard;

    ApiFirstClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent, Path jarPath) {
        super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
        addFile(jarPath.toFile());
        try {
            this.jar = new JarFile(jarPath.toFile(), true, ZipFile.OPEN_READ, JarFile.runtimeVersion());
            this.jarUrl = jarPath.toUri().toURL();
            this.manifest = jar.getManifest();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + jarPath.getFileName() + ": " + e.getMessage(), e);
        }
        this.codeSource = new CodeSource(jarUrl, (Certificate[]) null);
        this.guard = new PluginGuard(descriptor.getPluginId(), this);
    }

    @Override
    public PluginGuard guard() {
        return guard;
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        if (className.startsWith(API_PACKAGE) || className.startsWith(GUARD_PACKAGE)) {
            return getParent().loadClass(className);
        }
        return super.loadClass(className);
    }

    /** Defines a class of the jar, rewritten; the plain URLClassLoader path would skip the rewrite. */
    @Override
    protected Class<?> findClass(String className) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(className.replace('.', '/') + ".class");
        if (entry == null) {
            throw new ClassNotFoundException(className);
        }
        byte[] classFile;
        try (InputStream in = jar.getInputStream(entry)) {
            classFile = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(className + ": " + e.getMessage(), e);
        }
        byte[] guarded;
        try {
            guarded = CallSiteRewriter.rewrite(classFile);
        } catch (RuntimeException e) {
            // Unchecked code must not run: refuse the class rather than load it as it is.
            throw new ClassFormatError("plugin class " + className + " cannot be checked by the gateway ("
                    + e.getMessage() + "); is it compiled for a newer Java than the gateway supports?");
        }
        definePackageOf(className);
        return defineClass(className, guarded, 0, guarded.length, codeSource);
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String packageName = className.substring(0, dot);
        if (getDefinedPackage(packageName) != null) {
            return;
        }
        try {
            if (manifest != null) {
                definePackage(packageName, manifest, jarUrl);
            } else {
                definePackage(packageName, null, null, null, null, null, null, null);
            }
        } catch (IllegalArgumentException definedMeanwhile) {
            // another class of the package got there first: the package exists, which is all we need
        }
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            jar.close();
        }
    }
}
