package ai.hyperware.ext.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One extension under test, running as its own process with its output in a log file. Its pid is appended to a pid
 * file as soon as it starts, so that the script that started the benchmark can end it even if this JVM dies.
 */
final class PeerProcess implements AutoCloseable {

    /** Peers still running: a benchmark stopped with Ctrl+C or SIGTERM ends them on its way out. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "peer-cleanup"));
    }

    private final Process process;
    private final Path log;
    private final ProcessProbe probe;

    private PeerProcess(Process process, Path log, long clockTicksPerSecond) {
        this.process = process;
        this.log = log;
        this.probe = new ProcessProbe(process.pid(), clockTicksPerSecond);
    }

    static PeerProcess start(List<String> command, Path log, Path pidFile, long clockTicksPerSecond)
            throws IOException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        RUNNING.add(process);
        if (pidFile != null) {
            Files.writeString(pidFile, process.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return new PeerProcess(process, log, clockTicksPerSecond);
    }

    ProcessProbe probe() {
        return probe;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Its whole output so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The last lines of its output, for an error message. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Asks it to stop (SIGTERM), then kills it if it has not stopped within 20 s. */
    @Override
    public void close() {
        RUNNING.remove(process);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
