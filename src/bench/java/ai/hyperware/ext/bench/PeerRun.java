package ai.hyperware.ext.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ai.hyperware.ext.simulator.NodeSimulator;

/**
 * Runs every phase against one peer, in order, on a simulated node of its own: start-up (timed over several
 * launches), the reply check, the first seconds after a short warm-up of the freshly started process, the long
 * warm-up, steady-state throughput, latency, the soak, then the large echoes (last, so that their memory does not
 * blur the soak's). Where each phase began (requests so far, seconds since the launch) is kept with the figures.
 */
final class PeerRun {

    /** Steady-state throughput phases run as this many slices; the median slice's CPU per request is reported. */
    static final int SLICES = 5;

    private final Plan plan;
    private final Path logs;
    private final Path pidFile;
    private final long clockTicks;
    private final Progress progress;

    /** Where a run says what it is doing, so that a long run is not silent. */
    interface Progress {
        void say(String line);
    }

    PeerRun(Plan plan, Path logs, Path pidFile, long clockTicks, Progress progress) {
        this.plan = plan;
        this.logs = logs;
        this.pidFile = pidFile;
        this.clockTicks = clockTicks;
        this.progress = progress;
    }

    PeerResult run(Peer peer) throws Exception {
        try (NodeSimulator node = NodeSimulator.builder().process(Peer.PROCESS).build().start()) {
            long[] startup = new long[plan.launches()];
            PeerProcess process = null;
            long launched = 0;
            Path log = logs.resolve(peer.key() + ".log");
            Files.deleteIfExists(log); // the launches of this run append to it; an earlier run's lines must not count
            try {
                for (int i = 0; i < plan.launches(); i++) {
                    if (process != null) {
                        process.close();
                    }
                    int before = node.connections();
                    launched = System.nanoTime();
                    process = PeerProcess.start(peer.command().apply(node), log,
                            pidFile, clockTicks);
                    if (!node.awaitConnections(before + 1, Duration.ofSeconds(120))) {
                        throw new IllegalStateException(peer.name() + " did not connect within 120 s; its log:\n"
                                + process.logTail());
                    }
                    startup[i] = System.nanoTime() - launched;
                    progress.say(String.format("%s: connected %.0f ms after launch", peer.name(),
                            startup[i] / 1e6));
                }
                if (!process.log().contains(peer.servedAs())) {
                    throw new IllegalStateException(peer.name() + " does not serve its echo as its figures would claim:"
                            + " its log lacks \"" + peer.servedAs() + "\"; its log:\n" + process.logTail());
                }
                return measure(peer, node, process, startup, launched);
            } finally {
                if (process != null) {
                    process.close();
                }
            }
        }
    }

    private PeerResult measure(Peer peer, NodeSimulator node, PeerProcess process, long[] startup, long launched)
            throws Exception {
        LoadDriver driver = new LoadDriver(node, process.probe(), ProcessProbe.self(clockTicks));
        List<PeerResult.PhaseStart> phases = new ArrayList<>();
        List<byte[]> replies = ReplyBytesCheck.run(node, peer);
        progress.say(peer.name() + ": " + replies.size() + " sample replies are byte for byte "
                + (peer.raw() ? "the requests, unchanged (the raw floor answers nothing)" : "the node's encoding"));
        long idleRss = process.probe().residentKib();

        EchoCase small = peer.echo(64, 1);
        EchoCase medium = peer.echo(16 * Sizes.KIB, 2);
        expectAllCorrect(driver.pipelined(small, plan.freshWarmup64(), plan.window()).tally(), "fresh warm-up");
        phases.add(phaseStart("first seconds", driver, launched));
        LoadDriver.SecondBySecond fresh = driver.secondBySecond(small, plan.freshSeconds(), plan.window());
        expectAllCorrect(fresh.tally(), "first seconds");
        progress.say(String.format("%s: after %s 64 B echoes from launch, 1st second %.1f µs CPU each, seconds "
                + "2-%d %.1f µs", peer.name(), Sizes.count(plan.freshWarmup64()), fresh.peerCpuMicrosPerRequest(0, 1),
                plan.freshSeconds(), fresh.peerCpuMicrosPerRequest(1, plan.freshSeconds())));

        expectAllCorrect(driver.pipelined(small, plan.warmup64(), plan.window()).tally(), "warm-up");
        expectAllCorrect(driver.pipelined(medium, plan.warmup16k(), plan.window()).tally(), "warm-up");
        progress.say(peer.name() + ": warmed up with " + Sizes.count(plan.warmup64()) + " 64 B and "
                + Sizes.count(plan.warmup16k()) + " 16 KiB echoes more");

        phases.add(phaseStart("steady 64 B", driver, launched));
        SlicedThroughput smallThroughput = sliced(driver, small, plan.throughput64());
        progress.say(String.format("%s: 64 B echo %,.0f/s, %.1f µs CPU each (median slice of %s)", peer.name(),
                smallThroughput.perSecond(), smallThroughput.peerCpuMicrosPerRequest(),
                smallThroughput.slicesText("%.1f")));
        phases.add(phaseStart("steady 16 KiB", driver, launched));
        SlicedThroughput mediumThroughput = sliced(driver, medium, plan.throughput16k());
        progress.say(String.format("%s: 16 KiB echo %,.0f/s, %.0f µs CPU each (median slice of %s)", peer.name(),
                mediumThroughput.perSecond(), mediumThroughput.peerCpuMicrosPerRequest(),
                mediumThroughput.slicesText("%.0f")));

        phases.add(phaseStart("latency", driver, launched));
        LoadDriver.Latency latency = driver.openLoop(small, plan.latencyRate(), plan.latencyRequests());
        // open loop: nothing bounds the requests in flight, so a stall can make a peer refuse some (a well-formed
        // Err reply, counted and reported); a request never answered still stops the run
        if (latency.tally().failedCount() > 0) {
            expectAllCorrect(latency.tally(), "latency");
        }
        progress.say(String.format("%s: at %,d/s p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms; %s", peer.name(),
                plan.latencyRate(), latency.millis(50), latency.millis(99), latency.millis(99.9), latency.tally()));

        EchoCase ping = peer.ping();
        phases.add(phaseStart("soak", driver, launched));
        LoadDriver.Soak soak = driver.soak(i -> i % 100 == 0 ? medium : i % 10 == 5 ? ping : small,
                plan.soakRequests(), plan.soakRate(), plan.window(), plan.soakCheckpoint());
        progress.say(peer.name() + ": soak " + soak.tally() + "; resident memory (MiB) "
                + soak.checkpoints().stream().map(c -> Sizes.count(c.requests()) + ": " + c.residentKib() / 1024)
                        .toList());

        phases.add(phaseStart("large echoes", driver, launched));
        LoadDriver.LargeEcho oneMiB = driver.largeEcho(peer.echo(Sizes.MIB, 3), plan.echo1MiB());
        progress.say(String.format("%s: 1 MiB echo %.0f ms", peer.name(), oneMiB.medianNanos() / 1e6));
        LoadDriver.LargeEcho eightMiB = driver.largeEcho(peer.echo(8 * Sizes.MIB, 4), plan.echo8MiB());
        progress.say(String.format("%s: 8 MiB echo %.0f ms", peer.name(), eightMiB.medianNanos() / 1e6));
        expectAllCorrect(oneMiB.tally(), "1 MiB echo");
        expectAllCorrect(eightMiB.tally(), "8 MiB echo");
        long rssAfterLarge = process.probe().residentKib();

        if (!process.isAlive()) {
            throw new IllegalStateException(peer.name() + " exited during the run; its log:\n" + process.logTail());
        }
        return new PeerResult(peer, startup, idleRss, replies, fresh, smallThroughput, mediumThroughput, latency, soak,
                oneMiB, eightMiB, rssAfterLarge, phases);
    }

    /** {@code requests} pipelined echoes in {@link #SLICES} equal slices, each checked for correct replies. */
    private SlicedThroughput sliced(LoadDriver driver, EchoCase echo, int requests) throws Exception {
        List<LoadDriver.Throughput> slices = new ArrayList<>();
        for (int i = 0; i < SLICES; i++) {
            LoadDriver.Throughput slice = driver.pipelined(echo, requests / SLICES, plan.window());
            expectAllCorrect(slice.tally(), echo.name() + " throughput");
            slices.add(slice);
        }
        return new SlicedThroughput(slices);
    }

    private static PeerResult.PhaseStart phaseStart(String phase, LoadDriver driver, long launched) {
        return new PeerResult.PhaseStart(phase, driver.sentSoFar(), (System.nanoTime() - launched) / 1e9);
    }

    /** Figures of a peer that answered wrongly, or not at all, would be worthless: stop with the reason. */
    private static void expectAllCorrect(ReplyTally tally, String phase) {
        if (!tally.allCorrect()) {
            throw new IllegalStateException(phase + ": not every request got its expected reply: " + tally);
        }
    }
}
