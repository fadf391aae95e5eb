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

import com.fasterxml.jackson.databind.JavaType;

import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RustSerdeMapper;

/**
 * {@code byte[]} handler parameters and results through {@link RustSerdeMapper}: alone (the fast path, straight to
 * the Vec&lt;u8&gt; loops) and as a field of a record (Jackson, one int at a time).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RustSerdeMapperBenchmark {

    /** A struct with a {@code Vec<u8>} field, {@code struct Blob { data: Vec<u8> }}. */
    public record Blob(byte[] data) {
    }

    @Param({"64", "16384", "1048576"})
    int size;

    private final RustSerdeMapper mapper = new RustSerdeMapper();
    private final JavaType bytesType = mapper.typeOf(byte[].class);
    private final JavaType blobType = mapper.typeOf(Blob.class);
    private byte[] bytes;
    private byte[] encodedBytes;
    private Blob blob;
    private byte[] encodedBlob;

    @Setup
    public void setUp() throws PayloadException {
        bytes = Payloads.of("random", size);
        encodedBytes = mapper.write(bytes);
        blob = new Blob(bytes);
        encodedBlob = mapper.write(blob);
    }

    @Benchmark
    public Object readBytes() throws PayloadException {
        return mapper.read(encodedBytes, bytesType);
    }

    @Benchmark
    public byte[] writeBytes() throws PayloadException {
        return mapper.write(bytes);
    }

    @Benchmark
    public Object readRecordWithBytes() throws PayloadException {
        return mapper.read(encodedBlob, blobType);
    }

    @Benchmark
    public byte[] writeRecordWithBytes() throws PayloadException {
        return mapper.write(blob);
    }
}
