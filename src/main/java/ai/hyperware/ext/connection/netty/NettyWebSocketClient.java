package ai.hyperware.ext.connection.netty;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.AbstractWebSocketClient;

import ai.hyperware.ext.connection.HandshakeTimeoutException;
import ai.hyperware.ext.connection.ReplaceableIoThread;

/**
 * A WebSocket client on Netty, for Spring's {@code WebSocketConnectionManager}: the connection to the node runs on
 * one event loop thread, which reads, writes and never blocks. Its sessions are {@link
 * ai.hyperware.ext.connection.FlowControlledSession}s.
 *
 * <p>What it guarantees, beyond what Spring's JSR-356 client did: every byte written reaches the socket in order
 * (Netty keeps a partly written buffer until the rest is written); a frame from the node that breaks RFC 6455 (bad
 * RSV bits, a 1-byte or non-UTF-8 close frame, an unmasked-frame violation, a reserved opcode) fails the connection
 * with 1002 (or 1007/1009) instead of being ignored; a 101 whose {@code Sec-WebSocket-Accept} does not match the key
 * is refused; the upgrade has a deadline of its own; and no header of the upgrade request is ever logged, at any
 * level. TCP keepalive is on, so a node that vanished without a FIN is noticed while the connection is idle,
 * without WebSocket pings (which the node would forward to the process as data).
 *
 * <p>The event loop is replaced by {@link #abandonIoThread()} when a watchdog finds it stuck (for instance in a
 * handler that blocked where it must not): the next connection then gets a thread of its own.
 */
public final class NettyWebSocketClient extends AbstractWebSocketClient implements ReplaceableIoThread, AutoCloseable {

    /** The upgrade response's headers: the node sends a handful; more is not a node. */
    private static final int MAX_RESPONSE_HEADER_BYTES = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(NettyWebSocketClient.class);

    private final NettyClientSettings settings;
    private EventLoopGroup group;
    private boolean closed;

    public NettyWebSocketClient(NettyClientSettings settings) {
        this.settings = settings;
    }

    @Override
    protected CompletableFuture<WebSocketSession> executeInternal(WebSocketHandler handler, HttpHeaders headers,
            URI uri, List<String> subProtocols, List<WebSocketExtension> extensions, Map<String, Object> attributes) {
        CompletableFuture<WebSocketSession> result = new CompletableFuture<>();
        boolean secure = "wss".equals(uri.getScheme());
        String host = uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        SslContext tls;
        try {
            tls = secure ? SslContextBuilder.forClient().build() : null;
        } catch (SSLException e) {
            return CompletableFuture.failedFuture(e);
        }
        DefaultHttpHeaders upgradeHeaders = new DefaultHttpHeaders();
        headers.forEach(upgradeHeaders::add);
        UpgradeRequest upgrade = new UpgradeRequest(uri, upgradeHeaders, settings.maxFramePayload());
        Bootstrap bootstrap = new Bootstrap()
                .group(eventLoopGroup())
                .channel(AbortableSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE),
                        (int) settings.keepAliveIdle().toSeconds())
                .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL),
                        (int) settings.keepAliveInterval().toSeconds())
                .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), settings.keepAliveProbes())
                // one read (of up to 64 KiB) per burst: replies and refusals made while reading are flushed after
                // each read, not after sixteen, so that a flood of requests never holds them back for long
                .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(1))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(settings.writeLowWaterMark(), settings.writeHighWaterMark()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc(), host, port));
                        }
                        channel.pipeline().addLast(UpgradeHandler.HTTP_CODEC,
                                new HttpClientCodec(4096, MAX_RESPONSE_HEADER_BYTES, 8192));
                        channel.pipeline().addLast("upgrade",
                                new UpgradeHandler(upgrade, uri, handler, settings, result));
                    }
                });
        ChannelFuture connect = bootstrap.connect(host, port);
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                result.completeExceptionally(done.cause() instanceof io.netty.channel.ConnectTimeoutException
                        ? new HandshakeTimeoutException("accept the TCP connection", settings.connectTimeout())
                        : done.cause());
            }
        });
        // a caller that gives up (the connection manager stopping) must not leave the attempt running
        result.whenComplete((session, failure) -> {
            if (failure != null) {
                connect.channel().close();
            }
        });
        return result;
    }

    /**
     * Starts the event loop and, on it, runs a connection's codecs once in memory (an upgrade request and its answer,
     * a frame each way), while the rest of the application is still starting. The first connection then finds its
     * few hundred Netty classes loaded, instead of loading them one by one between "Connecting" and "Connected".
     * Nothing is sent anywhere; a failure here only means that they are loaded later.
     */
    public void prepare() {
        eventLoopGroup().execute(() -> {
            try {
                if (!CodecRehearsal.run(settings.maxFramePayload(), MAX_RESPONSE_HEADER_BYTES)) {
                    log.debug("Loading the connection's classes ahead of time did not go through; they load on use");
                }
            } catch (RuntimeException | LinkageError e) {
                log.debug("Loading the connection's classes ahead of time failed; they load on first use", e);
            }
        });
    }

    /**
     * Gives up the current event loop, whose thread is stuck: later connections get a new one. The stuck thread
     * finishes (and the old loop shuts down) whenever whatever holds it returns.
     */
    @Override
    public synchronized void abandonIoThread() {
        if (group != null) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            group = null;
        }
    }

    /** Stops the event loop; open connections are closed. */
    @Override
    public synchronized void close() {
        closed = true;
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            group = null;
        }
    }

    private synchronized EventLoopGroup eventLoopGroup() {
        if (closed) {
            throw new IllegalStateException("the WebSocket client is closed");
        }
        if (group == null) {
            // one thread: there is one connection, and everything on it (reads, decoding, writes) stays in order
            group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("hyperware-io", true),
                    NioIoHandler.newFactory());
        }
        return group;
    }
}
