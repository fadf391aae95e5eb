package ai.hyperware.ext.support;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.springframework.stereotype.Component;

import ai.hyperware.ext.handler.ExtensionHandler;

/**
 * Builds a jar from Java sources, as a user's build would: compiled with the JDK's compiler against the runtime and
 * Spring's annotations, plus any jars given, and packed with only the class files: no manifest
 * entries, no registration files.
 *
 * <pre>{@code
 * Path jar = new JarFromSources("acme-handlers.jar")
 *         .source("com.acme.AcmeHandlers", "package com.acme; ...")
 *         .writeTo(directory);
 * }</pre>
 */
public final class JarFromSources {

    private final String fileName;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<Path> classPath = new ArrayList<>();

    public JarFromSources(String fileName) {
        this.fileName = fileName;
    }

    /** Adds a compilation unit; {@code className} is its public class's fully qualified name. */
    public JarFromSources source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Compiles against this jar too (a dependency that the jar itself does not contain). */
    public JarFromSources compiledAgainst(Path jar) {
        classPath.add(jar);
        return this;
    }

    /**
     * Where a class's jar or directory is: the compiler gets these, not java.class.path, which under Surefire and
     * Failsafe is a single manifest-only jar.
     */
    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compiles and writes the jar into {@code directory}; returns its path. */
    public Path writeTo(Path directory) {
        try {
            Path work = Files.createTempDirectory("jar-sources-");
            Path sourceRoot = work.resolve("src");
            Path classes = work.resolve("classes");
            Files.createDirectories(classes);
            List<String> path = new ArrayList<>(List.of(locationOf(ExtensionHandler.class),
                    locationOf(Component.class)));
            classPath.forEach(jar -> path.add(jar.toString()));
            List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                    String.join(File.pathSeparator, path), "-proc:none"));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = sourceRoot.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                arguments.add(file.toString());
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            if (compiler.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("the sources of " + fileName + " do not compile (see above)");
            }
            Path jar = directory.resolve(fileName);
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
                    Stream<Path> files = Files.walk(classes)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    jarOut.write(Files.readAllBytes(file));
                    jarOut.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
