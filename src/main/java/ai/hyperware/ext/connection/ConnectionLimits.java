package ai.hyperware.ext.connection;

import java.time.Duration;

/**
 * The connection's numbers, gathered from configuration.
 *
 * @param maxInboundMessageSize largest message accepted from the node (the node sends up to 64 MiB)
 * @param maxFrameSize          largest frame sent; larger messages are fragmented (the node reads frames up to
 *                              16 MiB)
 * @param reconnectInitialDelay first backoff step
 * @param reconnectMaxDelay     backoff ceiling
 * @param sendTimeout           writes that make no progress for this long mark the session broken
 */
public record ConnectionLimits(int maxInboundMessageSize, int maxFrameSize, Duration reconnectInitialDelay,
        Duration reconnectMaxDelay, Duration sendTimeout) {
}
