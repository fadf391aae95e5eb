package ai.hyperware.ext.connection.netty;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.payload.VecU8;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.FrameWriter;
import ai.hyperware.ext.wire.MessageType;

/**
 * An Echo's reply frame, from its blob to masked bytes in the buffers the socket is given, both ways: the way the
 * extension did it up to issue 9 (the frame encoded into an array, which Netty's encoder masks into a direct buffer of
 * its own) and the way it does it now (encoded a piece at a time into pooled buffers and masked where it lies). The
 * payload is random bytes, so the frame is about 2.5 times its size. One frame whatever the size, as a benchmark of
 * the codec rather than of fragmentation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReplyToSocketBuffersBenchmark {

    @Param({"64", "16384", "1048576", "8388608"})
    int payloadBytes;

    private Frame reply;
    private EmbeddedChannel nettyEncoder;
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    @Setup
    public void setUp() {
        byte[] payload = new byte[payloadBytes];
        new Random(payloadBytes).nextBytes(payload);
        reply = Frame.of(0xfedc_ba98_7654_3210L, MessageType.REQUEST, RustResult.ok(VecU8.encode(payload)));
        nettyEncoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
    }

    @TearDown
    public void tearDown() {
        nettyEncoder.finishAndReleaseAll();
    }

    /** An array of the encoded frame, masked by Netty's encoder into a new buffer. */
    @Benchmark
    public int arrayThenNettyEncoder() {
        nettyEncoder.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(FrameEncoder.encode(reply))));
        int bytes = 0;
        for (Object out; (out = nettyEncoder.readOutbound()) != null; ) {
            bytes += ((ByteBuf) out).readableBytes();
            ((ByteBuf) out).release();
        }
        return bytes;
    }

    /**
     * Encoded straight into pooled heap buffers and masked in place, then each copied into a direct buffer, as the
     * NIO transport does with a heap buffer before the socket write (so both ways end in direct memory).
     */
    @Benchmark
    public int straightIntoBuffers() {
        FrameWriter writer = FrameEncoder.writer(reply);
        List<ByteBuf> pieces = MaskedFrameWriter.frame(alloc, writer::writeNext, (int) writer.size(), true, true);
        int bytes = 0;
        for (ByteBuf piece : pieces) {
            ByteBuf direct = alloc.directBuffer(piece.readableBytes()).writeBytes(piece);
            piece.release();
            bytes += direct.readableBytes();
            direct.release();
        }
        return bytes;
    }
}
