package ai.hyperware.ext.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The side-by-side benchmark: four peers, each started as its own process against a simulated node on loopback,
 * driven through the same phases, and reported as one Markdown table. The peers are the packaged {@code ext.jar}
 * serving its built-in Echo (non-blocking, on the I/O thread); {@code ext.jar} serving a user handler on the default,
 * blocking path from a handler jar ({@code -Dloader.path}); a Python extension written the way the public examples
 * are; and the raw floor ({@link RawEchoPeer}), which decodes nothing. Run it with {@code bench/run} (or
 * {@code bench/run --quick}).
 *
 * <pre>
 * options: --quick                 fewer requests, for iterating
 *          --jar PATH              the extension jar (target/ext.jar)
 *          --handlers DIR          the directory holding the BlockingEcho handler jar (bench/run builds it)
 *          --ext-java-options "…"  JVM options for both ext.jar peers, e.g. to try class data sharing
 *          --python PATH           the Python that runs the reference (/usr/bin/python3)
 *          --reference PATH        the reference extension (bench/reference/extension.py)
 *          --image NAME            the container image to time the start-up of (bench/run builds it)
 *          --image-skipped WHY     no image start-up: why (no Docker engine, no base image)
 *          --soak-rate N           soak requests per second, at most
 *          --only KEY,KEY          run these peers only: echo, blocking, python, floor
 *          --logs DIR              peers' logs (target/bench/logs)
 *          --pid-file PATH         each peer's pid is appended here when it starts
 *          --container-file PATH   each container's id is appended here when it starts
 *          --clk-tck N             clock ticks per second of /proc/PID/stat (getconf CLK_TCK)
 *          --out PATH              also write the report there
 * </pre>
 */
public final class SideBySideBenchmark {

    private SideBySideBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Plan plan = options.containsKey("quick") ? Plan.quick() : Plan.full();
        if (options.containsKey("soak-rate")) {
            plan = plan.withSoakRate(Integer.parseInt(options.get("soak-rate")));
        }
        String python = options.getOrDefault("python", "/usr/bin/python3");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String javaOptions = options.getOrDefault("ext-java-options", "").trim();
        List<String> extOptions = javaOptions.isEmpty() ? List.of() : Arrays.asList(javaOptions.split("\\s+"));
        String jar = options.getOrDefault("jar", "target/ext.jar");
        List<Peer> peers = new ArrayList<>(List.of(
                Peer.builtInEcho(java, extOptions, jar),
                Peer.blockingUserHandler(java, extOptions, jar,
                        Path.of(options.getOrDefault("handlers", "target/bench/handlers"))),
                Peer.python(python, options.getOrDefault("reference", "bench/reference/extension.py")),
                Peer.rawFloor(java)));
        if (options.containsKey("only")) {
            List<String> only = Arrays.asList(options.get("only").split(","));
            for (String key : only) {
                if (!Peer.KEYS.contains(key)) {
                    throw new IllegalArgumentException("--only " + key + ": the peers are " + Peer.KEYS);
                }
            }
            peers.removeIf(peer -> !only.contains(peer.key()));
        }
        String pidFile = options.get("pid-file");
        PeerRun.Progress progress = line -> System.out.println("  " + line);
        PeerRun run = new PeerRun(plan, Path.of(options.getOrDefault("logs", "target/bench/logs")),
                pidFile == null ? null : Path.of(pidFile),
                Long.parseLong(options.getOrDefault("clk-tck", "100")), progress);

        String started = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16);
        String machine = MachineDescription.describe(python);
        System.out.println("Side-by-side benchmark, " + plan.name() + " plan, " + started + "\n" + machine);
        System.out.println("JVM options for ext.jar: " + (javaOptions.isEmpty() ? "none" : javaOptions));

        Map<String, PeerResult> results = new LinkedHashMap<>();
        for (Peer peer : peers) {
            results.put(peer.key(), run.run(peer));
        }
        MarkdownReport.ImageFigure image = imageStartup(options, plan, progress);
        String identical = sameReplies(results);
        MarkdownReport report = new MarkdownReport(plan, results, image);
        String text = "## Side-by-side: ext.jar (built-in Echo, and a blocking user handler from a handler jar), "
                + "the Python reference extension and the raw floor\n\n"
                + "Run " + started + ", " + plan.name() + " plan" + (javaOptions.isEmpty() ? ""
                        : ", ext.jar started with " + javaOptions) + ".\n\n"
                + machine + "\n- load average at end: " + MachineDescription.loadAverage() + "\n\n"
                + identical + "\n\n" + report.warmupLegend() + "\n\n" + report.render() + "\n\n" + report.notes() + "\n";
        System.out.println("\n" + text);
        if (options.containsKey("out")) {
            Path out = Path.of(options.get("out"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, text);
        }
    }

    private static MarkdownReport.ImageFigure imageStartup(Map<String, String> options, Plan plan,
            PeerRun.Progress progress) throws Exception {
        if (!options.containsKey("image")) {
            return MarkdownReport.ImageFigure.skipped(options.getOrDefault("image-skipped", "not asked for"));
        }
        String containerFile = options.get("container-file");
        return MarkdownReport.ImageFigure.measured(ImageStartup.measure(options.get("image"), plan.imageLaunches(),
                containerFile == null ? null : Path.of(containerFile), progress));
    }

    /**
     * Every peer that answers (all but the raw floor) has passed the byte check on its own; this says so and checks
     * that their replies are identical to each other's too.
     */
    private static String sameReplies(Map<String, PeerResult> results) {
        List<PeerResult> answering = results.values().stream().filter(r -> !r.peer().raw()).toList();
        for (PeerResult other : answering) {
            if (!sameBytes(answering.get(0).replyMessages(), other.replyMessages())) {
                throw new IllegalStateException(answering.get(0).peer().name() + " and " + other.peer().name()
                        + " gave different replies to the sample requests");
            }
        }
        String names = String.join(", ", answering.stream().map(r -> r.peer().name()).toList());
        int samples = answering.isEmpty() ? 0 : answering.get(0).replyMessages().size();
        return "Byte check: " + (answering.isEmpty() ? "no answering peer in this run"
                : names + " answered " + samples + " sample requests with the node's own encoding of the reply, "
                        + "byte for byte, and identically to each other")
                + (results.containsKey("floor") ? "; the raw floor is exempt (it answers nothing) and returned every "
                        + "sample message unchanged." : ".");
    }

    private static boolean sameBytes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + "; see the options in the Javadoc");
            }
            String name = arg.substring(2);
            if (name.equals("quick")) {
                options.put(name, "true");
            } else if (rest.isEmpty()) {
                throw new IllegalArgumentException(arg + " needs a value");
            } else {
                options.put(name, rest.remove(0));
            }
        }
        return options;
    }
}
