package ai.hyperware.ext.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code target/ext.jar}, started as an operator starts it ({@code java [options] -jar ext.jar
 * [settings]}) in a process of its own, with its output in a log file.
 */
public final class ExtJar implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ExtJar(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java <javaOptions> -jar target/ext.jar <arguments>}. */
    public static ExtJar start(List<String> javaOptions, List<String> arguments) {
        Path jar = Path.of("target", "ext.jar");
        assertThat(jar).exists();
        try {
            Path log = Files.createTempFile("ext-jar", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(javaOptions);
            command.addAll(List.of("-jar", jar.toString()));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            return new ExtJar(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the process printed so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits up to 60 s for the process to end and returns its exit code. */
    public int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ext.jar exited; its log:%n%s", log()).isTrue();
        return process.exitValue();
    }

    /** Sends SIGTERM, as docker stop and Kubernetes do, and returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** SIGTERM, then a kill if it is still running after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
