package ai.hyperware.ext.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The results as one Markdown table, a row per figure: every peer side by side, each ext.jar variant's and the
 * floor's ratio to Python, the target where there is one with whether it was met, and the warm-up the
 * figure had. Peers left out of the run ({@code --only}) show as a dash.
 */
final class MarkdownReport {

    private static final String NONE = "–";

    private final Plan plan;
    private final Map<String, PeerResult> results;
    private final ImageFigure image;
    private final List<String> rows = new ArrayList<>();

    /** The image's start-up, or why it was not measured. */
    record ImageFigure(long[] nanos, String skipped) {

        static ImageFigure measured(long[] nanos) {
            return new ImageFigure(nanos, null);
        }

        static ImageFigure skipped(String why) {
            return new ImageFigure(null, why);
        }
    }

    MarkdownReport(Plan plan, Map<String, PeerResult> results, ImageFigure image) {
        this.plan = plan;
        this.results = results;
        this.image = image;
    }

    /** What the warm-up column's words mean, for the line above the table. */
    String warmupLegend() {
        return "Warm-up column: what the peer had run since its launch before the figure's phase began (requests are "
                + "echoes unless said otherwise). *launch + " + Sizes.count(plan.freshWarmup64()) + "*: a fresh start "
                + "and " + Sizes.count(plan.freshWarmup64()) + " 64 B echoes, then " + plan.freshSeconds()
                + " s of 64 B echoes measured second by second. *steady*: " + plan.steadyWarmup() + ". Each peer's "
                + "exact counts and seconds since launch are in the notes below the table.";
    }

    String render() {
        rows.add("| figure | " + String.join(" | ", Peer.KEYS.stream().map(this::heading).toList())
                + " | Echo / Python | Blocking / Python | floor / Python | target | met? | warm-up before the figure |");
        rows.add("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        String fresh = "launch + " + Sizes.count(plan.freshWarmup64());
        int lastSecond = plan.freshSeconds();
        row("Echo 64 B: CPU per request, 1st second (µs)", r -> r.fresh().peerCpuMicrosPerRequest(0, 1), "%,.1f",
                "", NONE, fresh);
        row("Echo 64 B: CPU per request, seconds 2-" + lastSecond + " (µs)",
                r -> r.fresh().peerCpuMicrosPerRequest(1, lastSecond), "%,.1f", "", NONE, fresh + " + 1 s");
        String steady = "steady";
        row("Echo 64 B: CPU per request, steady state (µs, median of " + PeerRun.SLICES + " slices)", r -> r.small().peerCpuMicrosPerRequest(), "%,.1f",
                "Echo ≤ 0.35x, Blocking ≤ 0.6x", cpuMet(r -> r.small().peerCpuMicrosPerRequest(), 0.35, 0.6), steady);
        row("Echo 64 B pipelined (window " + plan.window() + "): requests/s, steady state",
                r -> r.small().perSecond(), "%,.0f", "", NONE, steady);
        row("Echo 64 B pipelined: cores used by the driver + simulator (near 1: the driver sets the pace)",
                r -> r.small().driverCores(), "%.2f", "", NONE, steady);
        String steady16k = "steady + " + Sizes.count(plan.throughput64()) + " 64 B";
        row("Echo 16 KiB: CPU per request, steady state (µs, median of " + PeerRun.SLICES + " slices)", r -> r.medium().peerCpuMicrosPerRequest(), "%,.0f",
                "≤ 0.15x", cpuMet(r -> r.medium().peerCpuMicrosPerRequest(), 0.15, 0.15), steady16k);
        row("Echo 16 KiB pipelined: requests/s, steady state", r -> r.medium().perSecond(), "%,.0f", "", NONE,
                steady16k);
        latencyRows();
        largeEchoRows(PeerResult::oneMiB, false);
        largeEchoRows(PeerResult::eightMiB, true);
        startupRows();
        memoryRows();
        soakRows();
        return String.join("\n", rows);
    }

    private String heading(String key) {
        return switch (key) {
            case "echo" -> "ext.jar, built-in Echo (inline)";
            case "blocking" -> "ext.jar, BlockingEcho (handler jar, blocking)";
            case "python" -> "Python reference";
            default -> "raw floor (no decode; not a correct reply)";
        };
    }

    private void latencyRows() {
        String at = "Echo 64 B at " + String.format("%,d", plan.latencyRate()) + "/s open loop, ";
        String warmup = "steady + throughput phases";
        row(at + "p50 (ms)", r -> r.latency().millis(50), "%.2f", "", NONE, warmup);
        row(at + "p99 (ms)", r -> r.latency().millis(99), "%.2f", "≤ Python's p99 and ≤ 1 ms", p99Met(), warmup);
        row(at + "p99.9 (ms)", r -> r.latency().millis(99.9), "%.2f", "", NONE, warmup);
        row(at + "the driver's own send lag, p99 (ms; latency near it is the machine's, not the peer's)",
                r -> r.latency().sendLag().getValueAtPercentile(99) / 1e6, "%.2f", "", NONE, warmup);
        List<String> verdicts = new ArrayList<>();
        for (String key : Peer.KEYS) {
            if (results.containsKey(key)) {
                verdicts.add(label(key) + " " + (results.get(key).latency().tally().allCorrect() ? "yes" : "**no**"));
            }
        }
        rows.add("| " + at + "replies other than the echo (e.g. refused as overloaded; their latency is counted) | "
                + cells(r -> String.format("%,d", r.latency().tally().wrongCount())) + " | | | | none | "
                + String.join(", ", verdicts) + " | " + warmup + " |");
    }

    private String p99Met() {
        PeerResult python = results.get("python");
        List<String> verdicts = new ArrayList<>();
        for (String key : List.of("echo", "blocking")) {
            PeerResult ext = results.get(key);
            if (ext == null) {
                continue;
            }
            double p99 = ext.latency().millis(99);
            boolean met = p99 <= 1.0 && (python == null || p99 <= python.latency().millis(99));
            verdicts.add(label(key) + " " + (met ? "yes" : "**no**"));
        }
        return verdicts.isEmpty() ? NONE : String.join(", ", verdicts);
    }

    private void largeEchoRows(Function<PeerResult, LoadDriver.LargeEcho> echo, boolean target) {
        String name = target ? "Echo 8 MiB" : "Echo 1 MiB";
        int repeats = target ? plan.echo8MiB() : plan.echo1MiB();
        String warmup = "all above + 1 untimed";
        row(name + ": round trip (ms, median of " + repeats + ")", r -> echo.apply(r).medianNanos() / 1e6, "%,.0f",
                "", NONE, warmup);
        String met = NONE;
        if (target) {
            List<String> verdicts = new ArrayList<>();
            for (String key : List.of("echo", "blocking")) {
                if (results.containsKey(key)) {
                    verdicts.add(label(key) + " " + (echo.apply(results.get(key)).payloadMegabytesPerSecond() >= 100
                            ? "yes" : "**no**"));
                }
            }
            met = verdicts.isEmpty() ? NONE : String.join(", ", verdicts);
        }
        row(name + ": payload MB/s", r -> echo.apply(r).payloadMegabytesPerSecond(), "%,.1f",
                target ? "≥ 100 MB/s" : "", met, warmup);
        row(name + ": peer CPU per echo (ms)", r -> echo.apply(r).peerCpuMillisPerEcho(), "%,.0f", "", NONE, warmup);
        row(name + ": simulator + driver CPU per echo (ms)", r -> echo.apply(r).driverCpuMillisPerEcho(), "%,.0f", "",
                NONE, warmup);
    }

    private void startupRows() {
        List<String> verdicts = new ArrayList<>();
        for (String key : List.of("echo", "blocking")) {
            if (results.containsKey(key)) {
                verdicts.add(label(key) + " " + (results.get(key).medianStartupNanos() <= 3_000_000_000L
                        ? "yes" : "**no**"));
            }
        }
        row("start-up, launch to connected (ms, median of " + plan.launches() + "; ext.jar: `java -jar`)",
                r -> r.medianStartupNanos() / 1e6, "%,.0f", "ext.jar ≤ 3,000 ms",
                verdicts.isEmpty() ? NONE : String.join(", ", verdicts), "none");
        String value = image.nanos() == null ? "skipped: " + image.skipped()
                : String.format("%,.0f", ImageStartup.median(image.nanos()) / 1e6);
        rows.add("| start-up of the image, `docker run` to connected (ms, median of "
                + (image.nanos() == null ? 0 : image.nanos().length) + "; the built-in Echo's image) | " + value
                + " | | | | | | | | | none |");
    }

    private void memoryRows() {
        row("resident memory, idle after start-up and the byte check (MiB)", r -> r.idleRssKib() / 1024.0, "%,.0f",
                "", NONE, "launch + 31");
        long first = plan.soakCheckpoint();
        long last = plan.soakRequests();
        ToDoubleFunction<PeerResult> atFirst = r -> r.soak().residentKibAt(first) / 1024.0;
        ToDoubleFunction<PeerResult> atLast = r -> r.soak().residentKibAt(last) / 1024.0;
        String warmup = "phases above + soak";
        row("resident memory after " + Sizes.count(first) + " soak requests (MiB)", atFirst, "%,.0f", "", NONE,
                warmup);
        row("resident memory after " + Sizes.count(last) + " soak requests (MiB)", atLast, "%,.0f", "", NONE, warmup);
        List<String> verdicts = new ArrayList<>();
        for (String key : List.of("echo", "blocking")) {
            if (results.containsKey(key)) {
                verdicts.add(label(key) + " " + (growth(results.get(key), atFirst, atLast) <= 5 ? "yes" : "**no**"));
            }
        }
        rows.add("| resident memory growth, " + Sizes.count(first) + " → " + Sizes.count(last) + " soak requests | "
                + cells(r -> String.format("%+.1f%%", growth(r, atFirst, atLast))) + " | | | | no growth (≤ +5%) | "
                + (verdicts.isEmpty() ? NONE : String.join(", ", verdicts)) + " | " + warmup + " |");
        row("resident memory after the large echoes (MiB)", r -> r.rssAfterLargeKib() / 1024.0, "%,.0f", "", NONE,
                "all above");
    }

    private static double growth(PeerResult result, ToDoubleFunction<PeerResult> first,
            ToDoubleFunction<PeerResult> last) {
        return 100 * (last.applyAsDouble(result) / first.applyAsDouble(result) - 1);
    }

    private void soakRows() {
        String warmup = "steady + throughput + latency";
        List<String> verdicts = new ArrayList<>();
        for (String key : Peer.KEYS) {
            if (results.containsKey(key)) {
                verdicts.add(label(key) + " " + (complete(results.get(key).soak()) ? "yes" : "**no**"));
            }
        }
        rows.add("| soak (1% 16 KiB, 10% Ping, the rest 64 B): requests sent / answered correctly / lost | "
                + cells(r -> accounting(r.soak())) + " | | | | every one answered | " + String.join(", ", verdicts)
                + " | " + warmup + " |");
        rows.add(String.format("| soak: achieved rate (requests/s, at most %,d) | ", plan.soakRate())
                + cells(r -> String.format("%,.0f", rate(r.soak()))) + " | | | | | | " + warmup + " |");
    }

    private static String accounting(LoadDriver.Soak soak) {
        ReplyTally tally = soak.tally();
        long lost = tally.sentCount() - tally.answeredCount();
        return String.format("%,d / %,d / %,d", tally.sentCount(), tally.correctCount(), lost);
    }

    private static boolean complete(LoadDriver.Soak soak) {
        return soak.tally().allCorrect() && soak.unparseable() == 0 && soak.late() == 0;
    }

    private static double rate(LoadDriver.Soak soak) {
        return soak.requests() * 1e9 / soak.wallNanos();
    }

    /** Whether each ext.jar variant's CPU per request is within its fraction of Python's. */
    private String cpuMet(ToDoubleFunction<PeerResult> cpu, double echoTarget, double blockingTarget) {
        PeerResult python = results.get("python");
        if (python == null) {
            return NONE + " (no Python in this run)";
        }
        List<String> verdicts = new ArrayList<>();
        for (String key : List.of("echo", "blocking")) {
            PeerResult ext = results.get(key);
            if (ext != null) {
                double ratio = cpu.applyAsDouble(ext) / cpu.applyAsDouble(python);
                verdicts.add(label(key) + " " + (ratio <= (key.equals("echo") ? echoTarget : blockingTarget)
                        ? "yes" : "**no**"));
            }
        }
        return verdicts.isEmpty() ? NONE : String.join(", ", verdicts);
    }

    private static String label(String key) {
        return switch (key) {
            case "echo" -> "Echo";
            case "blocking" -> "Blocking";
            case "python" -> "Python";
            default -> "floor";
        };
    }

    private void row(String figure, ToDoubleFunction<PeerResult> value, String format, String target, String met,
            String warmup) {
        PeerResult python = results.get("python");
        List<String> ratios = new ArrayList<>();
        for (String key : List.of("echo", "blocking", "floor")) {
            PeerResult result = results.get(key);
            ratios.add(result == null || python == null ? NONE
                    : String.format("%.2fx", value.applyAsDouble(result) / value.applyAsDouble(python)));
        }
        rows.add("| " + figure + " | " + cells(r -> String.format(format, value.applyAsDouble(r))) + " | "
                + String.join(" | ", ratios) + " | " + target + " | " + met + " | " + warmup + " |");
    }

    private String cells(Function<PeerResult, String> cell) {
        return String.join(" | ", Peer.KEYS.stream()
                .map(key -> results.containsKey(key) ? cell.apply(results.get(key)) : NONE).toList());
    }

    /** What the table cannot show: how busy the driver was, how late the schedule ran, soak details, warm-ups. */
    String notes() {
        List<String> notes = new ArrayList<>();
        for (String key : Peer.KEYS) {
            PeerResult result = results.get(key);
            if (result == null) {
                continue;
            }
            String name = result.peer().name();
            LoadDriver.SecondBySecond fresh = result.fresh();
            notes.add(String.format("- %s: first seconds: %,.0f requests/s in the 1st second, %,.0f in seconds 2-%d.",
                    name, fresh.perSecond(0, 1), fresh.perSecond(1, plan.freshSeconds()), plan.freshSeconds()));
            notes.add(String.format("- %s: steady 64 B phase used %.2f cores in the peer and %.2f in the driver + "
                    + "simulator, CPU per request by slice %s µs; 16 KiB phase %.2f and %.2f cores, by slice %s µs.",
                    name, result.small().peerCores(), result.small().driverCores(), result.small().slicesText("%.1f"),
                    result.medium().peerCores(), result.medium().driverCores(), result.medium().slicesText("%.0f")));
            LoadDriver.Latency latency = result.latency();
            notes.add(String.format("- %s: latency phase sent %,d requests at %,.0f/s (schedule %,d/s); the driver's "
                    + "own send lag p99 %.2f ms, max %.2f ms; latency max %.2f ms; %s.", name, latency.requests(),
                    latency.achievedRate(), latency.rate(), latency.sendLag().getValueAtPercentile(99) / 1e6,
                    latency.sendLag().getMaxValue() / 1e6, latency.latency().getMaxValue() / 1e6, latency.tally()));
            LoadDriver.Soak soak = result.soak();
            notes.add("- " + name + ": soak " + soak.tally() + "; unparseable replies " + soak.unparseable()
                    + ", late replies " + soak.late() + "; resident memory (MiB) at "
                    + String.join(", ", soak.checkpoints().stream()
                            .map(c -> Sizes.count(c.requests()) + ": " + c.residentKib() / 1024).toList()) + ".");
            notes.add("- " + name + ": phases began: " + String.join("; ",
                    result.phases().stream().map(PeerResult.PhaseStart::toString).toList()) + ".");
        }
        notes.addAll(harnessBounds());
        return String.join("\n", notes);
    }

    /**
     * Where the harness rather than the peer sets a figure: the raw floor decodes nothing, so whatever it takes is
     * the driver's, the simulator's, the JVM's and the kernel's, and no peer can do better here.
     */
    private List<String> harnessBounds() {
        PeerResult floor = results.get("floor");
        if (floor == null) {
            return List.of();
        }
        List<String> notes = new ArrayList<>();
        notes.add(String.format("- Harness bound, 64 B: the raw floor reached %,.0f requests/s with %.2f cores in "
                + "the driver + simulator and %.2f in itself; a peer's requests/s near that is set by the driver.",
                floor.small().perSecond(), floor.small().driverCores(), floor.small().peerCores()));
        for (Function<PeerResult, LoadDriver.LargeEcho> echo : List.<Function<PeerResult, LoadDriver.LargeEcho>>of(
                PeerResult::oneMiB, PeerResult::eightMiB)) {
            LoadDriver.LargeEcho floorEcho = echo.apply(floor);
            notes.add(String.format("- Harness bound, %s: the raw floor's round trip is %,.0f ms (%.1f MB/s), of which"
                    + " the floor itself used %,.0f ms of CPU and the simulator + driver %,.0f ms: no peer can be "
                    + "faster than that here, and a target above %.1f MB/s is out of this harness's reach.",
                    floorEcho.echo().name(), floorEcho.medianNanos() / 1e6, floorEcho.payloadMegabytesPerSecond(),
                    floorEcho.peerCpuMillisPerEcho(), floorEcho.driverCpuMillisPerEcho(),
                    floorEcho.payloadMegabytesPerSecond()));
        }
        return notes;
    }
}
