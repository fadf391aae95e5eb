package ai.hyperware.ext.connection;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th consecutive failure waits a random time between half and all of
 * {@code min(max, initial * 2^(n-1))}. The jitter keeps many extensions from reconnecting in lockstep after a node
 * restart; the floor at half keeps one extension from hammering a node that is down.
 */
final class ReconnectBackoff {

    private final long initialMillis;
    private final long maxMillis;
    private int failures;

    ReconnectBackoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
    }

    synchronized Duration nextDelay() {
        failures = Math.min(failures + 1, 62);
        long ceiling = initialMillis;
        for (int i = 1; i < failures && ceiling < maxMillis; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxMillis);
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    synchronized void reset() {
        failures = 0;
    }
}
