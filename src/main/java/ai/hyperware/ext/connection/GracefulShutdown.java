package ai.hyperware.ext.connection;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.hyperware.ext.handler.RequestDispatcher;

/**
 * What happens between "stop" and closing the session: new requests are refused with an {@code Err} saying the
 * extension is shutting down, the ones in flight are given until the deadline to finish, and their replies are
 * sent while the session is still open. Whatever is still unanswered at the deadline is answered with an
 * {@code Err}, so no requester is left waiting for a reply that will never come.
 */
final class GracefulShutdown {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

    private static final Duration MAX_SEND_RESERVE = Duration.ofSeconds(2);

    private final RequestDispatcher dispatcher;
    private final ReplyOutbox outbox;
    private final Duration timeout;

    /** @param timeout the whole budget for finishing and sending ({@code spring.lifecycle.timeout-per-shutdown-phase}) */
    GracefulShutdown(RequestDispatcher dispatcher, ReplyOutbox outbox, Duration timeout) {
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.timeout = timeout;
    }

    /** Runs the sequence; returns when all is sent, the session is gone, or the time is up. */
    void finishInFlight(BooleanSupplier connected) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // the handlers may not take the whole budget: replies still have to be written before the deadline
        Duration sendReserve = timeout.dividedBy(4).compareTo(MAX_SEND_RESERVE) < 0 ? timeout.dividedBy(4)
                : MAX_SEND_RESERVE;
        dispatcher.stopAccepting();
        int inFlight = dispatcher.inFlight();
        log.info("Shutting down: refusing new requests, waiting up to {} for {} in flight and for replies to be sent",
                timeout, inFlight);
        try {
            if (!dispatcher.awaitIdle(remaining(deadline).minus(sendReserve))) {
                int abandoned = dispatcher.abandonInFlight("extension shut down before the handler finished");
                log.warn("Shutting down: {} requests did not finish within {}; answered them with an error",
                        abandoned, timeout);
            }
            if (!connected.getAsBoolean()) {
                log.warn("Shutting down while disconnected: {} replies cannot be sent", outbox.size());
            } else if (!outbox.awaitDrained(remaining(deadline), connected)) {
                log.warn("Shutting down: {} replies were not sent within {}", outbox.size(), timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Shutting down: interrupted while waiting for requests in flight");
        }
    }

    /** Time left until the deadline, never negative. */
    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
