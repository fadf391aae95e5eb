package ai.hyperware.ext.connection.netty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;

/**
 * Hands the node's frames to Spring's {@link WebSocketHandler}, on the I/O thread, as partial messages (the handler
 * joins them), and tells the session's flow listener when a burst of reads ends and when writing may resume.
 *
 * <p>A frame that breaks RFC 6455 fails the connection (§7.1.7): a close frame with 1002 (Protocol Error) is sent,
 * or 1009 for a frame over the size limit, or 1007 for a text message that is not UTF-8, and the TCP connection is
 * closed; the session manager then reconnects. Whatever ends the connection is reported once, in
 * {@code afterConnectionClosed}: the node's close code, the code we failed the connection with, or 1006 when the TCP
 * connection ended without a close frame (a FIN or a reset).
 */
final class SessionFrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(SessionFrameHandler.class);

    private final WebSocketHandler handler;
    private final NettyWebSocketSession session;
    private CloseStatus closeStatus;
    /** Continuation frames belong to a text message (true) or to a binary one. */
    private boolean inTextMessage;
    /** Checks the UTF-8 of the text message in progress across its frames; a node sends none, but must not lie. */
    private final CharsetDecoder textCheck = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer textScratch = CharBuffer.allocate(1024);
    private boolean failed;

    SessionFrameHandler(WebSocketHandler handler, NettyWebSocketSession session) {
        this.handler = handler;
        this.session = session;
    }

    /** The upgrade is done: tell the handler. */
    void start() {
        try {
            handler.afterConnectionEstablished(session);
        } catch (Exception | Error e) {
            handlerFailed("afterConnectionEstablished", e);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof WebSocketFrame frame) {
                received(ctx, frame);
            }
            // anything else (the empty end of the 101 response) is not part of the WebSocket stream
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void received(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (failed) {
            return; // the connection is being failed: what the node sent after the violation is not read
        }
        if (frame instanceof BinaryWebSocketFrame) {
            inTextMessage = false;
            deliver(new BinaryMessage(frame.content().nioBuffer(), frame.isFinalFragment()));
        } else if (frame instanceof TextWebSocketFrame) {
            textCheck.reset();
            inTextMessage = !frame.isFinalFragment();
            text(ctx, frame);
        } else if (frame instanceof ContinuationWebSocketFrame) {
            if (inTextMessage) {
                inTextMessage = !frame.isFinalFragment();
                text(ctx, frame);
            } else {
                deliver(new BinaryMessage(frame.content().nioBuffer(), frame.isFinalFragment()));
            }
        } else if (frame instanceof PingWebSocketFrame) {
            // RFC 6455 §5.5.2 asks for a pong; a node sends no pings, so this does not arise with a real one
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof PongWebSocketFrame) {
            deliver(new PongMessage(frame.content().nioBuffer()));
        } else if (frame instanceof CloseWebSocketFrame close) {
            closeStatus = close.statusCode() < 0 ? CloseStatus.NO_STATUS_CODE
                    : new CloseStatus(close.statusCode(), close.reasonText());
            session.closeReceived(close);
        }
    }

    private void text(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!validUtf8(frame.content().nioBuffer(), frame.isFinalFragment())) {
            fail(ctx, CloseStatus.BAD_DATA.getCode(), "a text message that is not valid UTF-8");
            return;
        }
        deliver(new TextMessage(frame.content().toString(StandardCharsets.UTF_8), frame.isFinalFragment()));
    }

    private boolean validUtf8(ByteBuffer bytes, boolean last) {
        while (true) {
            textScratch.clear();
            CoderResult result = textCheck.decode(bytes, textScratch, last);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                if (!last) {
                    return true; // a sequence split across frames waits in the decoder for the next frame
                }
                textScratch.clear();
                return !textCheck.flush(textScratch).isError();
            }
        }
    }

    private void deliver(WebSocketMessage<?> message) {
        try {
            handler.handleMessage(session, message);
        } catch (Exception | Error e) {
            handlerFailed("handleMessage", e);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.flowListener().readBurstEnded();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            session.flowListener().writable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException violation) {
            boolean tooBig = violation.closeStatus().code() == CloseStatus.TOO_BIG_TO_PROCESS.getCode();
            fail(ctx, tooBig ? CloseStatus.TOO_BIG_TO_PROCESS.getCode() : CloseStatus.PROTOCOL_ERROR.getCode(),
                    violation.getMessage());
            return;
        }
        if (closeStatus == null) {
            closeStatus = CloseStatus.NO_CLOSE_FRAME.withReason("connection lost: " + describe(cause));
            log.debug("Connection to the node failed", cause);
        }
        try {
            handler.handleTransportError(session, cause);
        } catch (Exception | Error e) {
            log.debug("handleTransportError failed", e);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.markClosed();
        CloseStatus status = closeStatus != null ? closeStatus
                : session.sentCloseStatus() != null ? session.sentCloseStatus()
                : CloseStatus.NO_CLOSE_FRAME.withReason("the node closed the TCP connection without a close frame");
        try {
            handler.afterConnectionClosed(session, status);
        } catch (Exception | Error e) {
            log.error("afterConnectionClosed failed", e);
        }
        ctx.fireChannelInactive();
    }

    /**
     * Fails the connection after a protocol violation by the node: our close frame, then the TCP connection closed
     * as soon as it is written. The decoder reads nothing more from this connection.
     */
    private void fail(ChannelHandlerContext ctx, int code, String violation) {
        if (failed) {
            return;
        }
        failed = true;
        closeStatus = new CloseStatus(code, "the node broke the WebSocket protocol: " + violation);
        log.warn("The node broke the WebSocket protocol ({}); failing the connection with {} and reconnecting",
                violation, code);
        session.markClosed();
        ctx.writeAndFlush(new CloseWebSocketFrame(code, null)).addListener(ChannelFutureListener.CLOSE);
    }

    /** A handler that throws breaks its contract; Spring closes the session with 1011 for it, and so do we. */
    private void handlerFailed(String callback, Throwable e) {
        log.error("The session's handler failed in {}; closing the session with 1011", callback, e);
        session.sendClose(CloseStatus.SERVER_ERROR);
    }

    private static String describe(Throwable cause) {
        return cause instanceof IOException && cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
