package ai.hyperware.ext.connection.netty;

import java.util.SplittableRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.util.ReferenceCountUtil;

/**
 * Runs Netty's WebSocket frame codec, in memory, over frames of the sizes an extension sees: the client's encoder
 * (which masks) and its decoder (of the node's unmasked frames), so that they are compiled before real traffic. Part
 * of the start-up warm-up ({@link ai.hyperware.ext.connection.CodecWarmUp}); it uses no socket.
 */
public final class TransportWarmUp implements Runnable {

    private static final int[] SIZES = {16, 120, 1500, 16 * 1024};

    private final int rounds;

    public TransportWarmUp(int rounds) {
        this.rounds = rounds;
    }

    @Override
    public void run() {
        EmbeddedChannel masking = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
        EmbeddedChannel node = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        EmbeddedChannel reading = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).allowMaskMismatch(false).allowExtensions(false)
                .maxFramePayloadLength(1 << 20).closeOnProtocolViolation(false).build()));
        byte[][] payloads = payloads();
        try {
            for (int round = 0; round < rounds; round++) {
                for (byte[] payload : payloads) {
                    masking.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
                    release(masking.readOutbound());
                    node.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
                    ByteBuf wire = node.readOutbound();
                    reading.writeInbound(wire);
                    release(reading.readInbound());
                }
            }
        } finally {
            masking.finishAndReleaseAll();
            node.finishAndReleaseAll();
            reading.finishAndReleaseAll();
        }
    }

    private static byte[][] payloads() {
        SplittableRandom random = new SplittableRandom(7);
        byte[][] payloads = new byte[SIZES.length][];
        for (int i = 0; i < SIZES.length; i++) {
            payloads[i] = new byte[SIZES[i]];
            for (int j = 0; j < SIZES[i]; j++) {
                payloads[i][j] = (byte) random.nextInt(256);
            }
        }
        return payloads;
    }

    private static void release(Object message) {
        ReferenceCountUtil.release(message);
    }
}
