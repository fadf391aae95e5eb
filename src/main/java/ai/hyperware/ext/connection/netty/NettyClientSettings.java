package ai.hyperware.ext.connection.netty;

import java.time.Duration;

/**
 * The Netty client's numbers.
 *
 * @param connectTimeout       the TCP connect, and separately the WebSocket upgrade, must finish within this
 * @param maxFramePayload      largest frame read from the node; a larger one fails the connection with 1009 (the
 *                             node sends frames of up to 64 MiB)
 * @param writeLowWaterMark    below this many buffered bytes the session is writable again
 * @param writeHighWaterMark   above this many buffered bytes the session stops taking writes (the rest waits in
 *                             the outbox, bounded and counted)
 * @param keepAliveIdle        TCP keepalive: idle time before the first probe
 * @param keepAliveInterval    TCP keepalive: time between probes
 * @param keepAliveProbes      TCP keepalive: unanswered probes before the kernel declares the peer gone
 */
public record NettyClientSettings(Duration connectTimeout, int maxFramePayload, int writeLowWaterMark,
        int writeHighWaterMark, Duration keepAliveIdle, Duration keepAliveInterval, int keepAliveProbes) {

    /** Defaults for everything but the connect timeout and the frame limit, which come from configuration. */
    public static NettyClientSettings of(Duration connectTimeout, int maxFramePayload) {
        return new NettyClientSettings(connectTimeout, maxFramePayload, 256 * 1024, 1024 * 1024,
                Duration.ofSeconds(10), Duration.ofSeconds(5), 3);
    }
}
