package ai.hyperware.ext.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The results as a Markdown table, one row per figure: both peers, the ratio ext / python, and the target where
 * there is one, with whether ext.jar met it.
 */
final class MarkdownReport {

    private final Plan plan;
    private final PeerResult ext;
    private final PeerResult python;
    private final List<String> rows = new ArrayList<>();

    MarkdownReport(Plan plan, PeerResult ext, PeerResult python) {
        this.plan = plan;
        this.ext = ext;
        this.python = python;
    }

    String render() {
        rows.add("| | ext.jar | Python reference | ext / python | target | met |");
        rows.add("|---|---:|---:|---:|---|---|");
        throughputRows(ext.small(), python.small(), 0.4);
        throughputRows(ext.medium(), python.medium(), 0.1);
        latencyRows();
        largeEchoRows(ext.oneMiB(), python.oneMiB(), false);
        largeEchoRows(ext.eightMiB(), python.eightMiB(), true);
        double extStart = ext.medianStartupNanos() / 1e6;
        row("start-up, launch to connected (ms, median of " + plan.launches() + ")", extStart,
                python.medianStartupNanos() / 1e6, "%,.0f", "ext ≤ 3,000 ms", extStart <= 3000);
        memoryRows();
        soakRows();
        return String.join("\n", rows);
    }

    private void throughputRows(LoadDriver.Throughput e, LoadDriver.Throughput p, double cpuTarget) {
        String size = e.echo().name();
        row(size + " pipelined (window " + e.window() + "), requests/s", e.perSecond(), p.perSecond(), "%,.0f", "",
                null);
        double ratio = e.peerCpuMicrosPerRequest() / p.peerCpuMicrosPerRequest();
        row(size + ": peer CPU per request (µs)", e.peerCpuMicrosPerRequest(), p.peerCpuMicrosPerRequest(), "%,.1f",
                "≤ " + cpuTarget + "x", ratio <= cpuTarget);
    }

    private void latencyRows() {
        LoadDriver.Latency e = ext.latency();
        LoadDriver.Latency p = python.latency();
        String at = "Echo 64 B at " + String.format("%,d", e.rate()) + "/s, ";
        row(at + "p50 (ms)", e.millis(50), p.millis(50), "%.2f", "", null);
        row(at + "p99 (ms)", e.millis(99), p.millis(99), "%.2f", "ext ≤ 1 ms", e.millis(99) <= 1.0);
        row(at + "p99.9 (ms)", e.millis(99.9), p.millis(99.9), "%.2f", "", null);
    }

    private void largeEchoRows(LoadDriver.LargeEcho e, LoadDriver.LargeEcho p, boolean target) {
        String name = e.echo().name();
        row(name + ", round trip (ms, median of " + e.nanos().length + ")", e.medianNanos() / 1e6,
                p.medianNanos() / 1e6, "%,.0f", "", null);
        row(name + ", payload MB/s", e.payloadMegabytesPerSecond(), p.payloadMegabytesPerSecond(), "%,.1f",
                target ? "ext ≥ 100 MB/s" : "", target ? e.payloadMegabytesPerSecond() >= 100 : null);
        row(name + ", peer CPU per echo (ms)", e.peerCpuMillisPerEcho(), p.peerCpuMillisPerEcho(), "%,.0f", "",
                null);
    }

    private void memoryRows() {
        row("resident memory, idle after start-up (MiB)", ext.idleRssKib() / 1024.0, python.idleRssKib() / 1024.0,
                "%,.0f", "", null);
        long first = plan.soakCheckpoint();
        long last = plan.soakRequests();
        ToDoubleFunction<PeerResult> atFirst = r -> r.soak().residentKibAt(first) / 1024.0;
        ToDoubleFunction<PeerResult> atLast = r -> r.soak().residentKibAt(last) / 1024.0;
        row("resident memory after " + Sizes.count(first) + " soak requests (MiB)", atFirst.applyAsDouble(ext),
                atFirst.applyAsDouble(python), "%,.0f", "", null);
        row("resident memory after " + Sizes.count(last) + " soak requests (MiB)", atLast.applyAsDouble(ext),
                atLast.applyAsDouble(python), "%,.0f", "", null);
        double extGrowth = growth(ext, atFirst, atLast);
        rows.add(String.format("| resident memory growth, %s → %s | %+.1f%% | %+.1f%% | | ext ≤ +10%% | %s |",
                Sizes.count(first), Sizes.count(last), extGrowth, growth(python, atFirst, atLast),
                extGrowth <= 10 ? "yes" : "**no**"));
        row("resident memory after the large echoes (MiB)", ext.rssAfterLargeKib() / 1024.0,
                python.rssAfterLargeKib() / 1024.0, "%,.0f", "", null);
    }

    private static double growth(PeerResult result, ToDoubleFunction<PeerResult> first,
            ToDoubleFunction<PeerResult> last) {
        return 100 * (last.applyAsDouble(result) / first.applyAsDouble(result) - 1);
    }

    private void soakRows() {
        rows.add("| soak: requests sent / answered correctly / lost | " + accounting(ext.soak()) + " | "
                + accounting(python.soak()) + " | | every one answered | "
                + (complete(ext.soak()) ? "yes" : "**no**") + " |");
        rows.add(String.format("| soak: achieved rate (requests/s, at most %,d) | %,.0f | %,.0f | | | |",
                plan.soakRate(), rate(ext.soak()), rate(python.soak())));
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

    private void row(String what, double extValue, double pythonValue, String format, String target, Boolean met) {
        rows.add("| " + what + " | " + String.format(format, extValue) + " | " + String.format(format, pythonValue)
                + " | " + String.format("%.2fx", extValue / pythonValue) + " | " + target + " | "
                + (met == null ? "" : met ? "yes" : "**no**") + " |");
    }

    /** What the table cannot show: how busy the driver was, how late the schedule ran, soak details. */
    String notes() {
        List<String> notes = new ArrayList<>();
        for (PeerResult result : List.of(ext, python)) {
            String name = result.peer().name();
            notes.add(String.format("- %s: 64 B phase used %.2f cores in the peer and %.2f in the driver + simulator;"
                    + " 16 KiB phase %.2f and %.2f.", name, result.small().peerCores(), result.small().driverCores(),
                    result.medium().peerCores(), result.medium().driverCores()));
            LoadDriver.Latency latency = result.latency();
            notes.add(String.format("- %s: latency phase sent %,d requests at %,.0f/s (schedule %,d/s); the driver's "
                    + "own send lag p99 %.2f ms, max %.2f ms; latency max %.2f ms.", name, latency.requests(),
                    latency.achievedRate(), latency.rate(), latency.sendLag().getValueAtPercentile(99) / 1e6,
                    latency.sendLag().getMaxValue() / 1e6, latency.latency().getMaxValue() / 1e6));
            LoadDriver.Soak soak = result.soak();
            notes.add("- " + name + ": soak " + soak.tally() + "; unparseable replies " + soak.unparseable()
                    + ", late replies " + soak.late() + "; resident memory (MiB) at "
                    + String.join(", ", soak.checkpoints().stream()
                            .map(c -> Sizes.count(c.requests()) + ": " + c.residentKib() / 1024).toList()) + ".");
        }
        return String.join("\n", notes);
    }
}
