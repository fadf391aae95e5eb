package ai.hyperware.ext.connection.netty;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;

import ai.hyperware.ext.connection.FlowControlledSession;

/**
 * One WebSocket connection to the node, as Spring's {@code WebSocketSession} and as a {@link FlowControlledSession}.
 *
 * <p>Closing follows RFC 6455 §7: our close frame is sent, and the TCP connection is closed when the node answers
 * with its own (or after {@value #CLOSE_WAIT_MILLIS} ms without one); a close frame from the node is answered with
 * one carrying the same code, and the connection closed.
 */
final class NettyWebSocketSession implements FlowControlledSession {

    private static final long CLOSE_WAIT_MILLIS = 1000;
    /** A close reason is at most 123 bytes of UTF-8 (RFC 6455 §5.5: control payloads are at most 125). */
    private static final int MAX_CLOSE_REASON_BYTES = 123;
    private static final AtomicLong IDS = new AtomicLong();
    private static final FlowListener NO_FLOW = new FlowListener() {
        @Override
        public void writable() {
        }

        @Override
        public void readBurstEnded() {
        }
    };

    private final String id = Long.toString(IDS.incrementAndGet());
    private final Channel channel;
    private final URI uri;
    private final HttpHeaders handshakeHeaders = new HttpHeaders();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    /** Sessions are made on their channel's event loop, in the upgrade's read. */
    private final Thread ioThread = Thread.currentThread();
    private volatile FlowListener flowListener = NO_FLOW;
    /** A close frame has been sent or received: the session takes no more messages. */
    private volatile boolean closing;
    private volatile CloseStatus sentCloseStatus;
    private volatile int textMessageSizeLimit = Integer.MAX_VALUE;
    private volatile int binaryMessageSizeLimit = Integer.MAX_VALUE;

    /** @param responseHeaders the node's answer to the upgrade (the request's, which carry the cookie, are not kept) */
    NettyWebSocketSession(Channel channel, URI uri, io.netty.handler.codec.http.HttpHeaders responseHeaders) {
        this.channel = channel;
        this.uri = uri;
        responseHeaders.forEach(header -> handshakeHeaders.add(header.getKey(), header.getValue()));
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public URI getUri() {
        return uri;
    }

    /** The headers of the node's upgrade response. */
    @Override
    public HttpHeaders getHandshakeHeaders() {
        return handshakeHeaders;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public Principal getPrincipal() {
        return null;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return inet(channel.localAddress());
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return inet(channel.remoteAddress());
    }

    @Override
    public String getAcceptedProtocol() {
        return null;
    }

    /** Kept for Spring's interface; inbound sizes are enforced by the frame decoder and the message assembler. */
    @Override
    public void setTextMessageSizeLimit(int messageSizeLimit) {
        textMessageSizeLimit = messageSizeLimit;
    }

    @Override
    public int getTextMessageSizeLimit() {
        return textMessageSizeLimit;
    }

    @Override
    public void setBinaryMessageSizeLimit(int messageSizeLimit) {
        binaryMessageSizeLimit = messageSizeLimit;
    }

    @Override
    public int getBinaryMessageSizeLimit() {
        return binaryMessageSizeLimit;
    }

    @Override
    public List<WebSocketExtension> getExtensions() {
        return List.of();
    }

    /** Sends one message and flushes it; safe from any thread. The outbox uses {@link #write} instead. */
    @Override
    public void sendMessage(WebSocketMessage<?> message) throws IOException {
        if (!isOpen()) {
            throw new IOException("the session with the node is closed");
        }
        channel.writeAndFlush(toFrame(message));
    }

    @Override
    public boolean isOpen() {
        return channel.isActive() && !closing;
    }

    @Override
    public void close() {
        close(CloseStatus.NORMAL);
    }

    @Override
    public void close(CloseStatus status) {
        execute(() -> sendClose(status));
    }

    @Override
    public void execute(Runnable task) {
        channel.eventLoop().execute(task);
    }

    @Override
    public Thread ioThread() {
        return ioThread;
    }

    @Override
    public boolean inIoThread() {
        return channel.eventLoop().inEventLoop();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    /** Written past Netty's frame encoder, already framed and masked: see {@link MaskedFrameWriter}. */
    @Override
    public void write(MessageBytes message, int length, boolean first, boolean last, WriteListener listener) {
        List<ByteBuf> pieces = MaskedFrameWriter.frame(channel.alloc(), message, length, first, last);
        int lastPiece = pieces.size() - 1;
        for (int i = 0; i < lastPiece; i++) {
            channel.write(pieces.get(i));
        }
        channel.write(pieces.get(lastPiece)).addListener(done -> listener.written(done.isSuccess()));
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void setFlowListener(FlowListener listener) {
        flowListener = listener == null ? NO_FLOW : listener;
    }

    @Override
    public void abort() {
        closing = true;
        if (channel instanceof AbortableSocketChannel abortable) {
            abortable.abort();
        }
        channel.close(); // runs when the loop does; the socket is already gone
    }

    FlowListener flowListener() {
        return flowListener;
    }

    /** The status we closed with, if we did; what is reported when the node closes TCP without answering. */
    CloseStatus sentCloseStatus() {
        return sentCloseStatus;
    }

    /** Starts the closing handshake; on the I/O thread. */
    void sendClose(CloseStatus status) {
        if (closing || !channel.isActive()) {
            return;
        }
        closing = true;
        sentCloseStatus = status;
        channel.writeAndFlush(new CloseWebSocketFrame(status.getCode(), truncatedReason(status.getReason())));
        channel.eventLoop().schedule(() -> {
            channel.close(); // a statement lambda: channel::close would fit both schedule(Runnable) and (Callable)
        }, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The node sent a close frame: answer it with the same code (RFC 6455 §5.5.1) unless we sent ours, then close. */
    void closeReceived(CloseWebSocketFrame frame) {
        if (closing) {
            channel.close();
            return;
        }
        closing = true;
        CloseWebSocketFrame answer = frame.statusCode() < 0 ? new CloseWebSocketFrame()
                : new CloseWebSocketFrame(frame.statusCode(), null);
        channel.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
    }

    /** The connection is gone, whichever side ended it. */
    void markClosed() {
        closing = true;
    }

    @Override
    public String toString() {
        return "NettyWebSocketSession[id=" + id + ", uri=" + uri + "]";
    }

    private static WebSocketFrame toFrame(WebSocketMessage<?> message) {
        if (message instanceof BinaryMessage binary) {
            return new BinaryWebSocketFrame(binary.isLast(), 0, Unpooled.wrappedBuffer(binary.getPayload()));
        }
        if (message instanceof TextMessage text) {
            return new TextWebSocketFrame(text.isLast(), 0, text.getPayload());
        }
        if (message instanceof PingMessage ping) {
            return new PingWebSocketFrame(Unpooled.wrappedBuffer(ping.getPayload()));
        }
        if (message instanceof PongMessage pong) {
            return new PongWebSocketFrame(Unpooled.wrappedBuffer(pong.getPayload()));
        }
        throw new IllegalArgumentException("unsupported WebSocket message type " + message.getClass().getName());
    }

    private static String truncatedReason(String reason) {
        if (reason == null) {
            return null;
        }
        byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_CLOSE_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
            end--;
        }
        if (end > 0 && Character.isHighSurrogate(reason.charAt(end - 1))) {
            end--; // never split a surrogate pair, which would not be valid UTF-8
        }
        return reason.substring(0, end);
    }

    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : null;
    }
}
