package ai.hyperware.ext.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.hyperware.ext.simulator.NodeSimulator;

/**
 * Start-up of the container image, launch to connected, as an operator runs it: {@code docker run} on the host
 * network (a node accepts extensions only over loopback), configured by environment variables. The clock starts
 * before {@code docker run}, so Docker's own container start is part of the figure, as it is for an operator.
 *
 * <p>Each container's id is appended to a file as soon as it is known, so that the script that started the
 * benchmark can remove it even if this JVM dies; this class removes each one ({@code docker rm -f}) itself.
 */
final class ImageStartup {

    private ImageStartup() {
    }

    /** Launch-to-connected times of {@code launches} fresh containers of {@code image}, in nanoseconds. */
    static long[] measure(String image, int launches, Path containerFile, PeerRun.Progress progress)
            throws Exception {
        long[] nanos = new long[launches];
        try (NodeSimulator node = NodeSimulator.builder().process(Peer.PROCESS).build().start()) {
            for (int i = 0; i < launches; i++) {
                int before = node.connections();
                long launched = System.nanoTime();
                String id = docker("run", "-d", "--rm", "--network", "host",
                        "-e", "HYPERWARE_EXTENSION_NODEURL=ws://127.0.0.1:" + node.port(),
                        "-e", "HYPERWARE_EXTENSION_PROCESS=" + Peer.PROCESS, "-e", "SERVER_PORT=0", image);
                if (containerFile != null) {
                    Files.writeString(containerFile, id + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                try {
                    if (!node.awaitConnections(before + 1, Duration.ofSeconds(120))) {
                        throw new IllegalStateException("the image " + image + " did not connect within 120 s; its "
                                + "log:\n" + docker("logs", id));
                    }
                    nanos[i] = System.nanoTime() - launched;
                    progress.say(String.format("image: connected %.0f ms after docker run", nanos[i] / 1e6));
                } finally {
                    docker("rm", "-f", id);
                }
            }
        }
        return nanos;
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Runs the docker CLI and returns its output; fails with that output if it exits non-zero. */
    private static String docker(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
