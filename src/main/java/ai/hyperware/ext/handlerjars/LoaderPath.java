package ai.hyperware.ext.handlerjars;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * The handler jars named by Spring Boot's {@code loader.path} ({@code -Dloader.path=DIR} or {@code LOADER_PATH}),
 * which {@code ext.jar}'s PropertiesLauncher has put on the class path: each entry is a directory, whose jars are
 * taken, or a jar. Relative entries are resolved as the launcher resolves them, from {@code loader.home} or the
 * working directory.
 *
 * <p>The launcher itself passes over what it cannot use without a word (a missing directory, a README, a file
 * named {@code .jar} that is no jar), so this checks each entry and stops the start-up, naming the file, where an
 * operator would otherwise wonder why a handler is not served.
 */
final class LoaderPath {

    private static final Logger log = LoggerFactory.getLogger(LoaderPath.class);
    /** The first bytes of every zip file, so of every jar. */
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private LoaderPath() {
    }

    /** The jars, in the launcher's order; empty when {@code loader.path} is not set. */
    static List<Path> jars(Environment environment) {
        String setting = environment.getProperty("loader.path");
        if (setting == null || setting.isBlank()) {
            return List.of();
        }
        Path home = Path.of(environment.getProperty("loader.home", System.getProperty("user.dir")));
        List<Path> jars = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.contains("!") || trimmed.contains(":") && !Path.of(trimmed).isAbsolute()) {
                log.warn("loader.path entry '{}' is not a directory or a jar file, so it is not searched for "
                        + "handlers: give a directory of jars, e.g. -Dloader.path=/app/handlers", trimmed);
                continue;
            }
            jars.addAll(entry(home.resolve(trimmed).normalize()));
        }
        return jars;
    }

    private static List<Path> entry(Path entry) {
        if (Files.isDirectory(entry)) {
            return directory(entry);
        }
        if (!Files.exists(entry)) {
            throw new HandlerJarException("loader.path names " + entry + ", which does not exist: create the "
                    + "directory (or mount it) and put the handler jars in it, or correct loader.path / LOADER_PATH");
        }
        requireJar(entry, "loader.path names " + entry);
        return List.of(entry);
    }

    private static List<Path> directory(Path directory) {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                if (Files.isDirectory(file)) {
                    log.warn("{} is a directory inside the handler directory {}: it is not searched (the launcher "
                            + "reads only the jars directly in it); move its jars up into {}", file.getFileName(),
                            directory, directory);
                    continue;
                }
                requireJar(file, file.getFileName() + " in the handler directory " + directory);
                jars.add(file);
            }
        } catch (IOException e) {
            throw new HandlerJarException("cannot list the handler directory " + directory + " (loader.path): "
                    + e.getMessage(), e);
        }
        if (jars.isEmpty()) {
            log.info("The handler directory {} (loader.path) holds no jars", directory);
        }
        return jars;
    }

    private static void requireJar(Path file, String what) {
        if (!file.getFileName().toString().endsWith(".jar")) {
            throw new HandlerJarException(what + " is not a jar, and the launcher would skip it without a word: "
                    + "put only handler jars (and the jars they depend on) there; package loose classes with "
                    + "`jar cf my-handlers.jar -C classes .`");
        }
        byte[] head = new byte[ZIP_MAGIC.length];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < head.length || !Arrays.equals(head, ZIP_MAGIC)) {
                throw new HandlerJarException(what + " is named .jar but is not a jar (zip) file: rebuild it, e.g. "
                        + "with `jar cf` or Maven's package phase, or remove it");
            }
        } catch (IOException e) {
            throw new HandlerJarException("cannot read " + file + " (loader.path): " + e.getMessage(), e);
        }
    }
}
