package ai.hyperware.ext.connection;

import java.time.Clock;
import java.time.Instant;

/**
 * The connection's state as others may read it (health, info, logs), held in one immutable snapshot so that a
 * reader never sees a state from one moment and an error from another. Reading it does no I/O.
 */
public final class ConnectionStatus {

    /**
     * @param state          the current state
     * @param since          when it was entered
     * @param failedAttempts attempts that failed since the last successful connect
     * @param lastError      what went wrong last, if anything (never contains secrets)
     * @param connects       successful connects since start
     */
    public record Snapshot(ConnectionState state, Instant since, long failedAttempts, String lastError,
            long connects) {
    }

    private final Clock clock;
    private volatile Snapshot current;

    public ConnectionStatus(Clock clock) {
        this.clock = clock;
        this.current = new Snapshot(ConnectionState.NEW, clock.instant(), 0, null, 0);
    }

    public Snapshot snapshot() {
        return current;
    }

    synchronized void connecting() {
        Snapshot s = current;
        current = new Snapshot(ConnectionState.CONNECTING, clock.instant(), s.failedAttempts(), s.lastError(),
                s.connects());
    }

    synchronized void connected() {
        Snapshot s = current;
        current = new Snapshot(ConnectionState.CONNECTED, clock.instant(), 0, s.lastError(), s.connects() + 1);
    }

    synchronized void failed(String error) {
        Snapshot s = current;
        if (s.state() == ConnectionState.STOPPED) {
            return;
        }
        current = new Snapshot(ConnectionState.RECONNECTING, clock.instant(), s.failedAttempts() + 1, error,
                s.connects());
    }

    synchronized void lost(String why) {
        Snapshot s = current;
        if (s.state() == ConnectionState.STOPPED) {
            return;
        }
        current = new Snapshot(ConnectionState.RECONNECTING, clock.instant(), s.failedAttempts(), why, s.connects());
    }

    synchronized void stopped() {
        Snapshot s = current;
        current = new Snapshot(ConnectionState.STOPPED, clock.instant(), s.failedAttempts(), s.lastError(),
                s.connects());
    }
}
