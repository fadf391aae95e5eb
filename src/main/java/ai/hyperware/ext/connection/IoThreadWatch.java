package ai.hyperware.ext.connection;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Notices a session whose I/O thread has stopped running: its reads have stopped, whatever the node sends, and no
 * reply goes out. Each check posts a tiny task to the I/O thread; if the last one has not run within the limit, the
 * thread is stuck (most likely in a handler that blocked where it must not), and the check says where.
 */
final class IoThreadWatch {

    private static final int STACK_FRAMES = 16;

    private final long limitNanos;
    private final Supplier<String> runningHandler;
    private volatile FlowControlledSession watched;
    private volatile long postedNanos;
    private volatile boolean answered = true;

    /** @param runningHandler the non-blocking handler running on the I/O thread, if any, to name in the report */
    IoThreadWatch(Duration limit, Supplier<String> runningHandler) {
        this.limitNanos = limit.toNanos();
        this.runningHandler = runningHandler;
    }

    /** Starts watching a newly opened session. */
    void watch(FlowControlledSession session) {
        answered = true;
        watched = session;
    }

    /** Called every watchdog interval: {@code null} while the I/O thread runs, else where it is stuck. */
    String check(FlowControlledSession session) {
        if (session != watched) {
            return null;
        }
        long now = System.nanoTime();
        if (answered) {
            answered = false;
            postedNanos = now;
            session.execute(() -> answered = true);
            return null;
        }
        if (now - postedNanos < limitNanos) {
            return null;
        }
        watched = null; // reported once
        Thread stuck = session.ioThread();
        String handler = runningHandler.get();
        return "the connection's I/O thread has run nothing for " + Duration.ofNanos(now - postedNanos).toMillis()
                + " ms" + (handler == null ? "" : ", inside the non-blocking handler " + handler)
                + (stuck == null ? "" : "; it is at " + Arrays.stream(stuck.getStackTrace()).limit(STACK_FRAMES)
                        .map(String::valueOf).collect(Collectors.joining(" <- ")));
    }
}
