package ai.hyperware.ext.bench;

/**
 * How much of each phase a run does. The full plan is the one to report; the quick one is for iterating.
 *
 * @param launches           start-ups timed per peer (the median is reported; the last one is kept for the load)
 * @param warmup64           64 B echoes before measuring, so that the JIT has compiled the hot paths
 * @param warmup16k          16 KiB echoes before measuring
 * @param throughput64       pipelined 64 B echoes measured
 * @param throughput16k      pipelined 16 KiB echoes measured
 * @param window             requests in flight at most in the pipelined phases and the soak
 * @param latencyRate        requests per second of the open-loop latency phase
 * @param latencyRequests    requests of that phase
 * @param echo1MiB           timed 1 MiB echoes (after one untimed)
 * @param echo8MiB           timed 8 MiB echoes (after one untimed)
 * @param soakRequests       requests of the soak
 * @param soakRate           requests per second of the soak, at most
 * @param soakCheckpoint     resident memory is read after every this many soak requests
 */
record Plan(String name, int launches, int warmup64, int warmup16k, int throughput64, int throughput16k, int window,
        int latencyRate, int latencyRequests, int echo1MiB, int echo8MiB, long soakRequests, int soakRate,
        long soakCheckpoint) {

    static Plan full() {
        return new Plan("full", 3, 100_000, 5_000, 100_000, 10_000, 64, 5_000, 50_000, 10, 5, 1_000_000, 10_000,
                100_000);
    }

    static Plan quick() {
        return new Plan("quick", 1, 50_000, 2_000, 20_000, 2_000, 64, 5_000, 10_000, 3, 2, 100_000, 10_000, 10_000);
    }

    Plan withSoakRate(int rate) {
        return new Plan(name, launches, warmup64, warmup16k, throughput64, throughput16k, window, latencyRate,
                latencyRequests, echo1MiB, echo8MiB, soakRequests, rate, soakCheckpoint);
    }
}
