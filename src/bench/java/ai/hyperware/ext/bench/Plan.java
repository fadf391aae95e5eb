package ai.hyperware.ext.bench;

/**
 * How much of each phase a run does, in order. The full plan is the one to report; the quick one is for iterating.
 *
 * @param launches           start-ups timed per peer (the median is reported; the last one is kept for the load)
 * @param freshWarmup64      64 B echoes right after the last launch, before the first-seconds phase
 * @param freshSeconds       seconds of pipelined 64 B echoes measured second by second after that warm-up
 * @param warmup64           further 64 B echoes before the steady-state phases, so that the JIT is done
 * @param warmup16k          further 16 KiB echoes before the steady-state phases
 * @param throughput64       pipelined 64 B echoes measured in steady state, in {@link PeerRun#SLICES} slices
 * @param throughput16k      pipelined 16 KiB echoes measured in steady state, likewise
 * @param window             requests in flight at most in the pipelined phases and the soak
 * @param latencyRate        requests per second of the open-loop latency phase
 * @param latencyRequests    requests of that phase
 * @param echo1MiB           timed 1 MiB echoes (after one untimed)
 * @param echo8MiB           timed 8 MiB echoes (after one untimed)
 * @param soakRequests       requests of the soak
 * @param soakRate           requests per second of the soak, at most
 * @param soakCheckpoint     resident memory is read after every this many soak requests
 * @param imageLaunches      start-ups of the container image timed (when Docker and the image are there)
 */
record Plan(String name, int launches, int freshWarmup64, int freshSeconds, int warmup64, int warmup16k,
        int throughput64, int throughput16k, int window, int latencyRate, int latencyRequests, int echo1MiB,
        int echo8MiB, long soakRequests, int soakRate, long soakCheckpoint, int imageLaunches) {

    static Plan full() {
        return new Plan("full", 3, 60_000, 5, 200_000, 5_000, 500_000, 10_000, 64, 5_000, 50_000, 10, 5, 1_000_000,
                10_000, 100_000, 3);
    }

    static Plan quick() {
        return new Plan("quick", 1, 60_000, 5, 50_000, 2_000, 100_000, 2_500, 64, 5_000, 10_000, 3, 2, 100_000,
                10_000, 50_000, 1);
    }

    Plan withSoakRate(int rate) {
        return new Plan(name, launches, freshWarmup64, freshSeconds, warmup64, warmup16k, throughput64, throughput16k,
                window, latencyRate, latencyRequests, echo1MiB, echo8MiB, soakRequests, rate, soakCheckpoint,
                imageLaunches);
    }

    /** What a peer has run before its steady-state phases, as the report's warm-up column states it. */
    String steadyWarmup() {
        return "launch, " + Sizes.count(freshWarmup64) + " 64 B + " + freshSeconds + " s of 64 B, then "
                + Sizes.count(warmup64) + " 64 B + " + Sizes.count(warmup16k) + " 16 KiB";
    }
}
