package ai.hyperware.ext.connection;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Lets a warning through at most once per period, so that a burst of the same event is one log line, not thousands. */
final class QuietPeriod {

    private final long periodNanos;
    private final AtomicLong lastNanos = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);

    QuietPeriod(Duration period) {
        this.periodNanos = period.toNanos();
    }

    /** Whether to warn now: true at most once per period. */
    boolean tryWarn() {
        long now = System.nanoTime();
        long last = lastNanos.get();
        return now - last >= periodNanos && lastNanos.compareAndSet(last, now);
    }
}
