package ai.hyperware.ext.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.payload.ValueReader;
import ai.hyperware.ext.payload.VecU8;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameDecoder;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.MalformedFrameException;
import ai.hyperware.ext.wire.MessageType;

/**
 * One Echo through the codec, as the extension does it: decode the node's frame, parse the blob's enum, and encode
 * the reply frame. The payload is a {@code Vec<u8>} of random bytes, so the frame is about 2.5 times its size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FrameCodecBenchmark {

    @Param({"64", "16384", "1048576", "8388608"})
    int payloadBytes;

    private byte[] requestMessage;
    private Frame request;
    private Frame reply;
    private final ValueReader bytesReader = new RustSerdeMapper().reader(byte[].class, null, "a byte[] parameter");

    @Setup
    public void setUp() throws MalformedFrameException {
        byte[] value = VecU8.encode(Payloads.of("random", payloadBytes));
        request = Frame.of(0xfedc_ba98_7654_3210L, MessageType.RESPONSE, RustEnumValue.of("Echo", value).toBytes());
        requestMessage = FrameEncoder.encode(request);
        reply = FrameDecoder.decode(requestMessage).reply(RustResult.ok(value));
    }

    /** The node's frame to a {@link Frame}: envelope, id, and the blob's int array. */
    @Benchmark
    public Frame decodeRequest() throws MalformedFrameException {
        return FrameDecoder.decode(requestMessage);
    }

    /** The blob to its variant and value, which Echo returns as it is. */
    @Benchmark
    public RustEnumValue parseBlob() throws Exception {
        return RustEnumValue.parse(request.blob());
    }

    /**
     * The blob to its variant and its value bound to a {@code byte[]}, as for a handler that takes one: the check and
     * the decoding are one pass.
     */
    @Benchmark
    public Object parseAndBindBytes() throws Exception {
        return bytesReader.read(RustEnumValue.parse(request.blob(), variant -> true));
    }

    /** {@code {"Ok": value}} around the value. */
    @Benchmark
    public byte[] wrapOk() throws Exception {
        return RustResult.ok(request.blob());
    }

    /** The reply frame to bytes. */
    @Benchmark
    public byte[] encodeReply() {
        return FrameEncoder.encode(reply);
    }
}
