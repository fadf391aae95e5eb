package ai.hyperware.ext.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import ai.hyperware.ext.simulator.NodeSimulator;

/**
 * Start-up, launch to connected, of ext.jar started in the ways a user may start it: the jar as built, the jar
 * extracted ({@code java -Djarmode=tools -jar ext.jar extract}), and the extracted jar with an application class
 * data sharing archive made by a training run ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}).
 * Run it with {@code bench/startup}; the archive and extracted jar must exist (the script makes them).
 *
 * <pre>
 * arguments: JAR EXTRACTED_JAR ARCHIVE [LAUNCHES]
 * </pre>
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    /** One way of starting the jar. */
    private record Variant(String name, List<String> javaOptions, String jar) {
    }

    public static void main(String[] args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int launches = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        List<Variant> variants = List.of(
                new Variant("java -jar ext.jar", List.of(), args[0]),
                new Variant("extracted jar", List.of(), args[1]),
                new Variant("extracted jar + AppCDS archive", List.of("-XX:SharedArchiveFile=" + args[2],
                        "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), args[1]));
        Path logs = Files.createDirectories(Path.of("target/bench/logs"));
        System.out.println("| start-up, launch to connected (ms) | median | min | max | launches |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Variant variant : variants) {
            long[] millis = new long[launches];
            try (NodeSimulator node = NodeSimulator.builder().process(Peer.PROCESS).build().start()) {
                Peer peer = Peer.builtInEcho(java, variant.javaOptions(), variant.jar());
                for (int i = 0; i < launches; i++) {
                    int before = node.connections();
                    long launched = System.nanoTime();
                    try (PeerProcess process = PeerProcess.start(peer.command().apply(node),
                            logs.resolve("startup.log"), null, 100)) {
                        if (!node.awaitConnections(before + 1, Duration.ofSeconds(120))) {
                            throw new IllegalStateException(variant.name() + " did not connect; its log:\n"
                                    + process.logTail());
                        }
                        millis[i] = (System.nanoTime() - launched) / 1_000_000;
                    }
                }
            }
            long[] sorted = millis.clone();
            Arrays.sort(sorted);
            System.out.printf("| %s | %,d | %,d | %,d | %d |%n", variant.name(), sorted[launches / 2], sorted[0],
                    sorted[launches - 1], launches);
        }
        System.out.println("\nload average at end: " + MachineDescription.loadAverage());
    }
}
