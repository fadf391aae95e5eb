package ai.hyperware.ext.connection.netty;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.util.ReferenceCountUtil;

/**
 * One pass, in memory, over what a connection's pipeline does: the upgrade request written and a 101 read through
 * the HTTP codec, a frame masked by the client's encoder and a node's frame read by its decoder. It exists only so
 * that those classes are loaded before the first connection needs them (see {@link NettyWebSocketClient#prepare});
 * it does not run long enough to compile anything, on purpose: a longer rehearsal was measured to slow the real
 * traffic that followed.
 */
final class CodecRehearsal {

    private static final byte[] UPGRADE_ANSWER = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    /** A node's frame: FIN, binary, unmasked, three bytes. */
    private static final byte[] NODE_FRAME = {(byte) 0x82, 3, 1, 2, 3};

    private CodecRehearsal() {
    }

    /** Runs the pass; returns whether every step gave what a real connection's would (so a test can tell). */
    static boolean run(int maxFramePayload, int maxResponseHeaderBytes) {
        EmbeddedChannel http = new EmbeddedChannel(new HttpClientCodec(4096, maxResponseHeaderBytes, 8192));
        EmbeddedChannel frames = new EmbeddedChannel(new WebSocket13FrameEncoder(true),
                new WebSocket13FrameDecoder(UpgradeHandler.decoding(maxFramePayload)));
        Object answer = null;
        ByteBuf masked = null;
        Object nodeFrame = null;
        try {
            http.writeOutbound(new UpgradeRequest(URI.create("ws://127.0.0.1:1/rehearsal"), new DefaultHttpHeaders(),
                    maxFramePayload).build());
            http.writeInbound(Unpooled.wrappedBuffer(UPGRADE_ANSWER));
            answer = http.readInbound();
            frames.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
            masked = frames.readOutbound();
            frames.writeInbound(Unpooled.wrappedBuffer(NODE_FRAME));
            nodeFrame = frames.readInbound();
            return answer instanceof HttpResponse response
                    && response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)
                    && masked != null && masked.readableBytes() == 2 + 4 + 3 && (masked.getByte(1) & 0x80) != 0
                    && nodeFrame instanceof BinaryWebSocketFrame frame && frame.content().readableBytes() == 3;
        } finally {
            ReferenceCountUtil.release(answer);
            ReferenceCountUtil.release(masked);
            ReferenceCountUtil.release(nodeFrame);
            http.finishAndReleaseAll();
            frames.finishAndReleaseAll();
        }
    }
}
