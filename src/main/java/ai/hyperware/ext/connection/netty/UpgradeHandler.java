package ai.hyperware.ext.connection.netty;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.util.ReferenceCountUtil;

import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;

import ai.hyperware.ext.connection.HandshakeRefusedException;
import ai.hyperware.ext.connection.HandshakeTimeoutException;

/**
 * The HTTP part of a connection: sends the upgrade request, waits (within the connect timeout) for the node's answer,
 * checks it, and then turns the pipeline into a WebSocket one. A refusal is reported with its HTTP status, because
 * that is how a node says why (403: not allowed as an extension; 404: no such binding, or no cookie).
 */
final class UpgradeHandler extends ChannelInboundHandlerAdapter {

    static final String HTTP_CODEC = "http";

    private final UpgradeRequest upgrade;
    private final URI uri;
    private final WebSocketHandler handler;
    private final NettyClientSettings settings;
    private final CompletableFuture<WebSocketSession> result;
    private ScheduledFuture<?> deadline;

    UpgradeHandler(UpgradeRequest upgrade, URI uri, WebSocketHandler handler, NettyClientSettings settings,
            CompletableFuture<WebSocketSession> result) {
        this.upgrade = upgrade;
        this.uri = uri;
        this.handler = handler;
        this.settings = settings;
        this.result = result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> fail(ctx, new HandshakeTimeoutException(
                "answer the WebSocket upgrade", settings.connectTimeout())),
                settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.writeAndFlush(upgrade.build()).addListener(written -> {
            if (!written.isSuccess()) {
                fail(ctx, written.cause());
            }
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof HttpResponse response && !result.isDone()) {
                answered(ctx, response);
            }
        } finally {
            ReferenceCountUtil.release(message); // the body of a refusal, if any, is not needed
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new IOException("the node closed the connection before answering the WebSocket upgrade"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    private void answered(ChannelHandlerContext ctx, HttpResponse response) {
        if (!HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
            fail(ctx, new HandshakeRefusedException(response.status().code(),
                    "the node answered the upgrade with HTTP " + response.status()));
            return;
        }
        try {
            upgrade.check(new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
                    Unpooled.EMPTY_BUFFER, response.headers(), EmptyHttpHeaders.INSTANCE));
        } catch (WebSocketClientHandshakeException e) {
            fail(ctx, new HandshakeRefusedException(101, "the node's 101 response is not a valid WebSocket "
                    + "upgrade (RFC 6455 section 4.1): " + whatIsWrong(e)));
            return;
        }
        deadline.cancel(false);
        NettyWebSocketSession session = new NettyWebSocketSession(ctx.channel(), uri, response.headers());
        SessionFrameHandler frames = new SessionFrameHandler(handler, session);
        installWebSocketPipeline(ctx.pipeline(), frames);
        frames.start();
        result.complete(session);
    }

    /** The same sentence for the same fault, without the random key values, so that repeats are logged once. */
    private static String whatIsWrong(WebSocketClientHandshakeException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Invalid challenge")) {
            return "its Sec-WebSocket-Accept does not match the Sec-WebSocket-Key sent";
        }
        if (message.startsWith("Invalid handshake response upgrade")) {
            return "it has no Upgrade: websocket header";
        }
        if (message.startsWith("Invalid handshake response connection")) {
            return "it has no Connection: upgrade header";
        }
        if (message.startsWith("Invalid subprotocol")) {
            return "it names a subprotocol that was not asked for";
        }
        return message;
    }

    /**
     * The encoder goes nearest the socket, so that every handler's writes are encoded. The HTTP decoder is removed only
     * after this read, so that frame bytes that came in the same packet as the 101 are handed on to the WebSocket
     * decoder rather than lost.
     */
    private void installWebSocketPipeline(ChannelPipeline pipeline, SessionFrameHandler frames) {
        HttpClientCodec codec = pipeline.get(HttpClientCodec.class);
        pipeline.addAfter(HTTP_CODEC, "ws-encoder", new WebSocket13FrameEncoder(true));
        pipeline.addAfter("ws-encoder", "ws-decoder",
                new WebSocket13FrameDecoder(decoding(settings.maxFramePayload())));
        pipeline.addAfter("ws-decoder", "ws-session", frames);
        codec.removeOutboundHandler();
        pipeline.remove(this);
        pipeline.channel().eventLoop().execute(() -> pipeline.remove(codec));
    }

    /** How the node's frames are read: unmasked, no extensions, violations left to {@link SessionFrameHandler}. */
    static WebSocketDecoderConfig decoding(int maxFramePayload) {
        return WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false) // a server never masks
                .allowMaskMismatch(false)
                .allowExtensions(false) // none is negotiated, so any RSV bit is a violation
                .maxFramePayloadLength(maxFramePayload)
                .closeOnProtocolViolation(false) // SessionFrameHandler fails the connection, with the code it picks
                .build();
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (result.completeExceptionally(cause)) {
            ctx.close();
        }
    }
}
