package ai.hyperware.ext.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

import org.HdrHistogram.Histogram;

import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;

/**
 * Drives one peer through the simulator it is connected to, and measures it: pipelined throughput with its CPU
 * time, latency on an open-loop schedule, large echoes, and a soak with memory checkpoints.
 *
 * <p>All requests go through {@link NodeSimulator#request(byte[])}, exactly as in the tests: a random u64 id, the
 * named layout, one binary frame per request.
 */
final class LoadDriver {

    /** How long to wait for the last replies of a phase; the node itself gives up on a request after 15 s. */
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private final NodeSimulator node;
    private final ProcessProbe peer;
    private final ProcessProbe self;
    /** Requests sent to this peer so far, every phase and warm-up included: the warm-up a figure had. */
    private final AtomicLong sentSoFar = new AtomicLong();

    LoadDriver(NodeSimulator node, ProcessProbe peer, ProcessProbe self) {
        this.node = node;
        this.peer = peer;
        this.self = self;
    }

    /** Pipelined requests, at most {@code window} waiting for their reply at any time. */
    record Throughput(EchoCase echo, int window, long requests, long wallNanos, long peerCpuNanos,
            long driverCpuNanos, ReplyTally tally) {

        double perSecond() {
            return requests * 1e9 / wallNanos;
        }

        double peerCpuMicrosPerRequest() {
            return peerCpuNanos / 1e3 / requests;
        }

        /** The driver and simulator's own CPU, in cores: near 1 or more means the driver, not the peer, set the pace. */
        double driverCores() {
            return (double) driverCpuNanos / wallNanos;
        }

        double peerCores() {
            return (double) peerCpuNanos / wallNanos;
        }
    }

    Throughput pipelined(EchoCase echo, int requests, int window) throws Exception {
        ReplyTally tally = new ReplyTally();
        Semaphore slots = new Semaphore(window);
        long peerCpu = peer.cpuNanos();
        long driverCpu = self.cpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            slots.acquire();
            send(echo, tally).whenComplete((reply, error) -> slots.release());
        }
        awaitAll(slots, window, tally);
        long wall = System.nanoTime() - start;
        return new Throughput(echo, window, requests, wall, peer.cpuNanos() - peerCpu, self.cpuNanos() - driverCpu,
                tally);
    }

    /** How many requests this driver has sent to the peer, in every phase so far. */
    long sentSoFar() {
        return sentSoFar.get();
    }

    /**
     * Pipelined requests for a number of seconds, with the peer's CPU time and the replies counted at each second's
     * end, so that a peer still compiling its hot path shows in the first seconds.
     *
     * @param answered     replies received by the end of each second (index 0: at the start)
     * @param peerCpuNanos the peer's CPU time at the same moments
     */
    record SecondBySecond(EchoCase echo, long[] answered, long[] peerCpuNanos, ReplyTally tally) {

        /** CPU per request over seconds {@code from + 1} to {@code to} (1-based: 0, 1 is the first second). */
        double peerCpuMicrosPerRequest(int from, int to) {
            return (peerCpuNanos[to] - peerCpuNanos[from]) / 1e3 / (answered[to] - answered[from]);
        }

        double perSecond(int from, int to) {
            return (double) (answered[to] - answered[from]) / (to - from);
        }
    }

    SecondBySecond secondBySecond(EchoCase echo, int seconds, int window) throws Exception {
        ReplyTally tally = new ReplyTally();
        Semaphore slots = new Semaphore(window);
        AtomicLong answered = new AtomicLong();
        long[] answeredAt = new long[seconds + 1];
        long[] cpuAt = new long[seconds + 1];
        long start = System.nanoTime();
        answeredAt[0] = 0;
        cpuAt[0] = peer.cpuNanos();
        int second = 1;
        while (second <= seconds) {
            slots.acquire();
            send(echo, tally).whenComplete((reply, error) -> {
                answered.incrementAndGet();
                slots.release();
            });
            // both read at the same moment, so that each second's CPU and replies belong together
            if (System.nanoTime() - start >= second * 1_000_000_000L) {
                answeredAt[second] = answered.get();
                cpuAt[second] = peer.cpuNanos();
                second++;
            }
        }
        awaitAll(slots, window, tally);
        return new SecondBySecond(echo, answeredAt, cpuAt, tally);
    }

    /**
     * Requests sent on a fixed schedule whatever the replies do (open loop). Latency runs from each request's
     * intended send time, so a stall delays the schedule's requests and shows in the figures instead of hiding
     * (coordinated omission).
     *
     * @param latency  intended send time to reply, in nanoseconds, of the requests answered
     * @param sendLag  intended to actual send time: how far the driver itself fell behind the schedule
     */
    record Latency(int rate, long requests, long sendNanos, Histogram latency, Histogram sendLag, ReplyTally tally) {

        double achievedRate() {
            return requests * 1e9 / sendNanos;
        }

        double millis(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1e6;
        }
    }

    Latency openLoop(EchoCase echo, int rate, int requests) throws Exception {
        ReplyTally tally = new ReplyTally();
        Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
        Histogram sendLag = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
        CountDownLatch answered = new CountDownLatch(requests);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        for (int i = 0; i < requests; i++) {
            long intended = start + i * interval;
            sleepUntil(intended);
            sendLag.recordValue(Math.max(0, System.nanoTime() - intended));
            send(echo, tally).whenComplete((reply, error) -> {
                long elapsed = System.nanoTime() - intended;
                if (error == null) {
                    synchronized (latency) {
                        latency.recordValue(Math.min(elapsed, latency.getHighestTrackableValue()));
                    }
                }
                answered.countDown();
            });
        }
        long sendNanos = System.nanoTime() - start;
        if (!answered.await(DRAIN.toSeconds(), TimeUnit.SECONDS)) {
            throw new TimeoutException("open loop: replies missing after " + DRAIN + ": " + tally);
        }
        synchronized (latency) {
            return new Latency(rate, requests, sendNanos, latency.copy(), sendLag, tally);
        }
    }

    /**
     * One large request at a time; the time of each, from sending to the whole reply decoded.
     *
     * @param peerCpuNanos   the peer's CPU time over the timed echoes (the rest of the time is the simulator's and
     *                       the wire's)
     * @param driverCpuNanos the driver's and simulator's CPU time over the same echoes: the node's side of the work
     */
    record LargeEcho(EchoCase echo, long[] nanos, long peerCpuNanos, long driverCpuNanos, ReplyTally tally) {

        double peerCpuMillisPerEcho() {
            return peerCpuNanos / 1e6 / nanos.length;
        }

        double driverCpuMillisPerEcho() {
            return driverCpuNanos / 1e6 / nanos.length;
        }


        long medianNanos() {
            long[] sorted = nanos.clone();
            java.util.Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        /** Payload megabytes (10^6 bytes) per second, at the median time. */
        double payloadMegabytesPerSecond() {
            return echo.payloadBytes() / 1e6 / (medianNanos() / 1e9);
        }
    }

    LargeEcho largeEcho(EchoCase echo, int repeats) throws Exception {
        ReplyTally tally = new ReplyTally();
        send(echo, tally).get(DRAIN.toSeconds(), TimeUnit.SECONDS); // untimed: first use of the large paths
        long[] nanos = new long[repeats];
        long peerCpu = peer.cpuNanos();
        long driverCpu = self.cpuNanos();
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            send(echo, tally).get(DRAIN.toSeconds(), TimeUnit.SECONDS);
            nanos[i] = System.nanoTime() - start;
        }
        return new LargeEcho(echo, nanos, peer.cpuNanos() - peerCpu, self.cpuNanos() - driverCpu, tally);
    }

    /** Resident memory once {@code requests} soak requests had all been answered. */
    record Checkpoint(long requests, long residentKib) {
    }

    /**
     * A long run at a moderate rate, with every request accounted for.
     *
     * @param unparseable replies the node's parser would have rejected, during the soak
     * @param late        replies that came after their request's timeout, during the soak
     */
    record Soak(long requests, int rate, long wallNanos, List<Checkpoint> checkpoints, ReplyTally tally,
            long unparseable, long late) {

        long residentKibAt(long requestCount) {
            return checkpoints.stream().filter(c -> c.requests() == requestCount).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no checkpoint at " + requestCount))
                    .residentKib();
        }
    }

    /**
     * Sends {@code requests} requests at {@code rate} per second (fewer if the peer is slower: at most
     * {@code window} wait at once), the i-th being {@code mix.apply(i)}; pauses at each checkpoint until every
     * request so far is answered and reads the peer's resident memory.
     */
    Soak soak(LongFunction<EchoCase> mix, long requests, int rate, int window, long checkpointEvery)
            throws Exception {
        ReplyTally tally = new ReplyTally();
        Semaphore slots = new Semaphore(window);
        List<Checkpoint> checkpoints = new ArrayList<>();
        long unparseable = node.unparseableReplies();
        long late = node.lateReplies();
        long interval = 1_000_000_000L / rate;
        long started = System.nanoTime();
        long scheduleStart = started;
        long scheduled = 0;
        for (long i = 0; i < requests; i++) {
            sleepUntil(scheduleStart + scheduled++ * interval);
            slots.acquire();
            EchoCase echo = mix.apply(i);
            send(echo, tally).whenComplete((reply, error) -> slots.release());
            if ((i + 1) % checkpointEvery == 0) {
                awaitAll(slots, window, tally);
                slots.release(window);
                checkpoints.add(new Checkpoint(i + 1, peer.residentKib()));
                scheduleStart = System.nanoTime(); // no burst to catch up on the pause
                scheduled = 0;
            }
        }
        awaitAll(slots, window, tally);
        return new Soak(requests, rate, System.nanoTime() - started, checkpoints, tally,
                node.unparseableReplies() - unparseable, node.lateReplies() - late);
    }

    private CompletableFuture<SimulatedReply> send(EchoCase echo, ReplyTally tally) {
        tally.sent();
        sentSoFar.incrementAndGet();
        return node.request(echo.request()).whenComplete((reply, error) -> tally.record(reply, error, echo));
    }

    private static void awaitAll(Semaphore slots, int window, ReplyTally tally) throws Exception {
        if (!slots.tryAcquire(window, DRAIN.toSeconds(), TimeUnit.SECONDS)) {
            throw new TimeoutException("replies still missing after " + DRAIN + ": " + tally);
        }
    }

    /** Parks rather than spins: on two cores a spinning driver would take CPU from the peer it measures. */
    private static void sleepUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
