package ai.hyperware.ext.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import ai.hyperware.ext.connection.ConnectionState;
import ai.hyperware.ext.connection.ConnectionStatus;

/**
 * The {@code hyperware} health component: UP while connected to the node, DOWN while not, OUT_OF_SERVICE once
 * the extension is shutting down on purpose. It belongs in the readiness group, not in liveness: a disconnected
 * extension is waiting for its node, and restarting it would not bring the node back.
 *
 * <p>It reads the connection's last snapshot and does no I/O, so a probe never waits on the network.
 */
public final class ConnectionHealthIndicator implements HealthIndicator {

    private final ConnectionStatus status;
    private final String nodeUrl;

    /** @param nodeUrl the extension URL as it may be shown: no credentials, no query */
    public ConnectionHealthIndicator(ConnectionStatus status, String nodeUrl) {
        this.status = status;
        this.nodeUrl = nodeUrl;
    }

    @Override
    public Health health() {
        ConnectionStatus.Snapshot s = status.snapshot();
        Health.Builder health = new Health.Builder(statusOf(s))
                .withDetail("nodeUrl", nodeUrl)
                .withDetail("state", s.state().name())
                .withDetail("since", s.since().toString())
                .withDetail("failedAttempts", s.failedAttempts())
                .withDetail("connects", s.connects());
        if (s.lastError() != null) {
            health.withDetail("lastError", s.lastError());
        }
        if (s.machineryFailure() != null) {
            health.withDetail("machineryFailure", s.machineryFailure());
        }
        return health.build();
    }

    private static Status statusOf(ConnectionStatus.Snapshot s) {
        if (s.machineryFailure() != null) {
            return Status.DOWN;
        }
        if (s.state() == ConnectionState.STOPPED) {
            return Status.OUT_OF_SERVICE; // a deliberate shutdown, not a failure
        }
        return s.state() == ConnectionState.CONNECTED ? Status.UP : Status.DOWN;
    }
}
