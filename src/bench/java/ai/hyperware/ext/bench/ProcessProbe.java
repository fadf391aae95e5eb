package ai.hyperware.ext.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one process's CPU time and resident memory from {@code /proc}, as {@code top} and {@code ps} do.
 *
 * <p>CPU time is {@code utime + stime} from {@code /proc/PID/stat}: the time of every thread of the process, live or
 * already exited (a JVM's compiler and GC threads included), in clock ticks of {@code 1/CLK_TCK} s. Children are not
 * counted: neither peer starts any.
 */
final class ProcessProbe {

    private final long pid;
    private final long nanosPerTick;

    /**
     * @param pid                  the process
     * @param clockTicksPerSecond  {@code getconf CLK_TCK}, 100 on Linux
     */
    ProcessProbe(long pid, long clockTicksPerSecond) {
        this.pid = pid;
        this.nanosPerTick = 1_000_000_000L / clockTicksPerSecond;
    }

    /** The probe of the process it runs in, e.g. to show how busy the load driver itself was. */
    static ProcessProbe self(long clockTicksPerSecond) {
        return new ProcessProbe(ProcessHandle.current().pid(), clockTicksPerSecond);
    }

    long pid() {
        return pid;
    }

    /** User plus system CPU time so far, in nanoseconds (with the resolution of a clock tick, 10 ms). */
    long cpuNanos() {
        String stat = read("stat");
        // the command name (field 2) is in parentheses and may hold spaces; fields 3 on follow the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        long utime = Long.parseLong(fields[14 - 3]);
        long stime = Long.parseLong(fields[15 - 3]);
        return (utime + stime) * nanosPerTick;
    }

    /** {@code VmRSS} from {@code /proc/PID/status}, in KiB. */
    long residentKib() {
        for (String line : read("status").split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status: has the process exited?");
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/" + file + ": has the process exited?", e);
        }
    }
}
