package ai.hyperware.ext.fault;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The highest value a gauge showed while a test ran, sampled on a thread of its own. A sample can miss a peak that
 * lasts less than a sampling interval, so this catches a bound that is broken for a while (a buffer that keeps
 * growing), not one broken for an instant; the unit tests of the bounded class cover the instant.
 *
 * <pre>{@code
 * try (PeakWatch held = PeakWatch.of(outbox::bytes)) {
 *     // ... the fault ...
 *     assertThat(held.peak()).isLessThanOrEqualTo(bound);
 * }
 * }</pre>
 */
final class PeakWatch implements AutoCloseable {

    private static final long SAMPLE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final AtomicLong peak = new AtomicLong(Long.MIN_VALUE);
    private final Thread sampler;
    private volatile boolean running = true;

    private PeakWatch(LongSupplier gauge) {
        sampler = new Thread(() -> {
            while (running) {
                peak.accumulateAndGet(gauge.getAsLong(), Math::max);
                LockSupport.parkNanos(SAMPLE_NANOS); // a sampling rate, not a wait for anything
            }
        }, "peak-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    static PeakWatch of(LongSupplier gauge) {
        return new PeakWatch(gauge);
    }

    /** The highest value seen so far. */
    long peak() {
        return peak.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }
}
