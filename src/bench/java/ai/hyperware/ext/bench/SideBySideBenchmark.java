package ai.hyperware.ext.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The side-by-side benchmark: the packaged {@code ext.jar} and a Python extension written the way the public
 * examples are, each started as its own process against a simulated node on loopback, driven through the same
 * phases, and reported as one Markdown table. Run it with {@code bench/run} (or {@code bench/run --quick}).
 *
 * <pre>
 * options: --quick                 fewer requests, soak of 100k instead of 1M
 *          --jar PATH              the extension jar (target/ext.jar)
 *          --ext-java-options "…"  JVM options for the jar, e.g. to try class data sharing
 *          --python PATH           the Python that runs the reference (/usr/bin/python3)
 *          --reference PATH        the reference extension (bench/reference/extension.py)
 *          --soak-rate N           soak requests per second, at most
 *          --only ext|python       run one peer (no table; for iterating)
 *          --logs DIR              peers' logs (target/bench/logs)
 *          --pid-file PATH         each peer's pid is appended here when it starts
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
        Peer ext = Peer.extensionJar(java, javaOptions.isEmpty() ? List.of() : Arrays.asList(javaOptions.split("\\s+")),
                options.getOrDefault("jar", "target/ext.jar"));
        Peer reference = Peer.python(python, options.getOrDefault("reference", "bench/reference/extension.py"));
        String pidFile = options.get("pid-file");
        PeerRun run = new PeerRun(plan, Path.of(options.getOrDefault("logs", "target/bench/logs")),
                pidFile == null ? null : Path.of(pidFile),
                Long.parseLong(options.getOrDefault("clk-tck", "100")),
                line -> System.out.println("  " + line));

        String started = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16);
        String machine = MachineDescription.describe(python);
        System.out.println("Side-by-side benchmark, " + plan.name() + " plan, " + started + "\n" + machine);
        System.out.println("JVM options for ext.jar: " + (javaOptions.isEmpty() ? "none" : javaOptions));

        String only = options.get("only");
        PeerResult extResult = only == null || only.equals("ext") ? run.run(ext) : null;
        PeerResult pythonResult = only == null || only.equals("python") ? run.run(reference) : null;
        if (extResult == null || pythonResult == null) {
            return;
        }
        if (!sameBytes(extResult.replyMessages(), pythonResult.replyMessages())) {
            throw new IllegalStateException("the two peers' replies to the sample differ");
        }
        MarkdownReport report = new MarkdownReport(plan, extResult, pythonResult);
        String text = "## Side-by-side: ext.jar and the Python reference extension\n\n"
                + "Run " + started + ", " + plan.name() + " plan" + (javaOptions.isEmpty() ? ""
                        : ", ext.jar started with " + javaOptions) + ".\n\n"
                + machine + "\n- load average at end: " + MachineDescription.loadAverage() + "\n\n"
                + "Both peers gave byte-identical replies to " + extResult.replyMessages().size()
                + " sample requests. Each was warmed up with " + Sizes.count(plan.warmup64()) + " 64 B and "
                + Sizes.count(plan.warmup16k()) + " 16 KiB echoes before measuring.\n\n"
                + report.render() + "\n\n" + report.notes() + "\n";
        System.out.println("\n" + text);
        if (options.containsKey("out")) {
            Path out = Path.of(options.get("out"));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, text);
        }
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
