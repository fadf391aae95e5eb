package ai.hyperware.ext.ops;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;

import ai.hyperware.ext.connection.ConnectionStatus;

/**
 * Marks the application's liveness BROKEN when the connection machinery fails (the sender thread died, a
 * reconnect could not be scheduled): the one case where a restart is the cure. A node that is merely away leaves
 * liveness alone; that is readiness' business.
 */
public final class MachineryLiveness {

    public MachineryLiveness(ConnectionStatus status, ApplicationEventPublisher events) {
        status.onMachineryFailure(why -> AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN));
    }
}
