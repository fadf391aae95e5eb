package ai.hyperware.ext.connection;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection's state as others may read it (health, metrics, info, logs), held in one immutable snapshot so
 * that a reader never sees a state from one moment and an error from another. Reading it does no I/O.
 *
 * <p>It also records a failure of the connection machinery itself (the WebSocket client broke its contract, a
 * reconnect could not be scheduled): unlike a lost connection, that one does not heal, so whoever watches liveness
 * is told.
 */
public final class ConnectionStatus {

    private static final Logger log = LoggerFactory.getLogger(ConnectionStatus.class);

    /**
     * @param state          the current state
     * @param since          when it was entered
     * @param failedAttempts attempts that failed since the last successful connect
     * @param lastError      what went wrong last, if anything (never contains secrets)
     * @param connects       successful connects since start
     * @param connectFailures failed connection attempts since start
     * @param machineryFailure why the connection machinery stopped working, or {@code null} while it works
     */
    public record Snapshot(ConnectionState state, Instant since, long failedAttempts, String lastError,
            long connects, long connectFailures, String machineryFailure) {

        private Snapshot with(ConnectionState state, Instant since, long failedAttempts, String lastError,
                long connects, long connectFailures) {
            return new Snapshot(state, since, failedAttempts, lastError, connects, connectFailures,
                    machineryFailure);
        }
    }

    private final Clock clock;
    private final List<Consumer<String>> machineryWatchers = new CopyOnWriteArrayList<>();
    private volatile Snapshot current;

    public ConnectionStatus(Clock clock) {
        this.clock = clock;
        this.current = new Snapshot(ConnectionState.NEW, clock.instant(), 0, null, 0, 0, null);
    }

    public Snapshot snapshot() {
        return current;
    }

    /** Calls {@code watcher} with the reason when the connection machinery fails; it must be quick. */
    public void onMachineryFailure(Consumer<String> watcher) {
        machineryWatchers.add(watcher);
    }

    synchronized void connecting() {
        Snapshot s = current;
        if (s.state() == ConnectionState.STOPPED) {
            return;
        }
        current = s.with(ConnectionState.CONNECTING, clock.instant(), s.failedAttempts(), s.lastError(),
                s.connects(), s.connectFailures());
    }

    synchronized void connected() {
        Snapshot s = current;
        current = s.with(ConnectionState.CONNECTED, clock.instant(), 0, s.lastError(), s.connects() + 1,
                s.connectFailures());
    }

    synchronized void failed(String error) {
        Snapshot s = current;
        if (s.state() == ConnectionState.STOPPED) {
            return;
        }
        current = s.with(ConnectionState.RECONNECTING, clock.instant(), s.failedAttempts() + 1, error,
                s.connects(), s.connectFailures() + 1);
    }

    synchronized void lost(String why) {
        Snapshot s = current;
        if (s.state() == ConnectionState.STOPPED) {
            return;
        }
        current = s.with(ConnectionState.RECONNECTING, clock.instant(), s.failedAttempts(), why, s.connects(),
                s.connectFailures());
    }

    synchronized void stopped() {
        Snapshot s = current;
        current = s.with(ConnectionState.STOPPED, clock.instant(), s.failedAttempts(), s.lastError(), s.connects(),
                s.connectFailures());
    }

    void machineryFailed(String why) {
        synchronized (this) {
            Snapshot s = current;
            if (s.machineryFailure() != null) {
                return;
            }
            current = new Snapshot(s.state(), s.since(), s.failedAttempts(), s.lastError(), s.connects(),
                    s.connectFailures(), why);
        }
        log.error("The connection machinery has failed and cannot recover on its own: {}", why);
        for (Consumer<String> watcher : machineryWatchers) {
            try {
                watcher.accept(why);
            } catch (RuntimeException e) {
                log.warn("A watcher of machinery failures failed", e);
            }
        }
    }
}
