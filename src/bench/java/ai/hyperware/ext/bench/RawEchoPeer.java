package ai.hyperware.ext.bench;

import java.net.URI;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * The floor of the side-by-side harness: a peer that decodes nothing. It connects to the node as a WebSocket client
 * on one Netty event loop and writes every binary message it reads straight back, unchanged: the "reply" carries the
 * request's id and message type, so the simulator matches it by id, and its blob is the request's own blob. What it
 * costs is what the JVM, Netty, loopback TCP and the WebSocket framing (the client's masking included) cost by
 * themselves, so no peer that parses and answers requests can go below it in this harness.
 *
 * <p>It is not an extension: its replies are the requests, so it is exempt from the benchmark's byte check against
 * the node's encoding, and checked instead to return each sample message unchanged.
 *
 * <pre>
 * java -cp ... ai.hyperware.ext.bench.RawEchoPeer ws://127.0.0.1:PORT/bench:bench:bench.os
 * </pre>
 */
public final class RawEchoPeer {

    /** The node reads frames of at most 16 MiB from an extension (PROTOCOL.md section 2). */
    private static final int MAX_FRAME = 16 * 1024 * 1024;
    /** The node sends messages of up to 64 MiB as one frame. */
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private RawEchoPeer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: RawEchoPeer ws://127.0.0.1:PORT/process");
        }
        URI uri = URI.create(args[0]);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .maxFramePayloadLength(MAX_MESSAGE)
                .generateOriginHeader(false)
                .dropPongFrames(true)
                .build();
        // one event loop: the socket is read, echoed and written on a single thread, as in ext.jar's inline path
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(16 * 1024),
                                    new WebSocketClientProtocolHandler(config), new EchoUnchanged());
                        }
                    })
                    .connect(uri.getHost(), uri.getPort()).sync().channel();
            channel.closeFuture().sync(); // the benchmark ends it with SIGTERM; a closed connection ends it too
        } finally {
            group.shutdownGracefully();
        }
    }

    /** Writes each data frame back as it came (split at the node's frame limit), and flushes once per read. */
    private static final class EchoUnchanged extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof BinaryWebSocketFrame || message instanceof ContinuationWebSocketFrame) {
                writeBack(context, (WebSocketFrame) message);
            } else {
                context.fireChannelRead(message); // nothing else reaches here from a node; let Netty release it
            }
        }

        private static void writeBack(ChannelHandlerContext context, WebSocketFrame frame) {
            ByteBuf content = frame.content();
            boolean first = frame instanceof BinaryWebSocketFrame;
            boolean last = frame.isFinalFragment();
            while (content.readableBytes() > MAX_FRAME) {
                ByteBuf part = content.readRetainedSlice(MAX_FRAME);
                context.write(first ? new BinaryWebSocketFrame(false, 0, part)
                        : new ContinuationWebSocketFrame(false, 0, part));
                first = false;
            }
            ByteBuf rest = content.readRetainedSlice(content.readableBytes());
            frame.release();
            context.write(first ? new BinaryWebSocketFrame(last, 0, rest) : new ContinuationWebSocketFrame(last, 0, rest));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            context.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            cause.printStackTrace();
            context.close();
        }
    }
}
