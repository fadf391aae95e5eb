package ai.hyperware.ext.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: they mean little without it. */
final class MachineDescription {

    private MachineDescription() {
    }

    static String describe(String python) {
        return String.join("\n",
                "- CPU: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel(),
                "- memory: " + firstMatching("/proc/meminfo", "MemTotal:").replaceAll("\\s+", " ").trim(),
                "- kernel: " + read("/proc/sys/kernel/osrelease").trim(),
                "- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (the same java runs ext.jar and the driver)",
                "- Python: " + run(python, "-c", "import sys, websockets, msgpack; print(sys.version.split()[0], "
                        + "'websockets', websockets.__version__, 'msgpack', '.'.join(map(str, msgpack.version)), "
                        + "'(C extension)' if msgpack.Packer.__module__ == 'msgpack._cmsgpack' else '(pure Python)')"),
                "- load average at start: " + loadAverage());
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine shows here. */
    static String loadAverage() {
        String[] parts = read("/proc/loadavg").trim().split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static String cpuModel() {
        String line = firstMatching("/proc/cpuinfo", "model name");
        return line.isEmpty() ? "unknown model" : line.substring(line.indexOf(':') + 1).trim();
    }

    private static String firstMatching(String file, String prefix) {
        return read(file).lines().filter(line -> line.startsWith(prefix)).findFirst().orElse("")
                .replace(prefix, "");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "(cannot run " + command[0] + ": " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }
}
