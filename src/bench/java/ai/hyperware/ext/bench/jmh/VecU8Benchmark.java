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

import ai.hyperware.ext.payload.VecU8;

/**
 * {@code Vec<u8>} as an int array, from 64 B to 8 MiB: encoding, decoding, and finding where one ends (what
 * {@code RustEnumValue.parse} does to an Echo's value). Time per operation; divide the size by it for bytes/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VecU8Benchmark {

    @Param({"64", "16384", "1048576", "8388608"})
    int size;

    @Param({"random", "ascii"})
    String content;

    private byte[] bytes;
    private byte[] encoded;

    @Setup
    public void setUp() {
        bytes = Payloads.of(content, size);
        encoded = VecU8.encode(bytes);
    }

    @Benchmark
    public byte[] encode() {
        return VecU8.encode(bytes);
    }

    @Benchmark
    public byte[] decode() {
        return VecU8.decode(encoded);
    }

    @Benchmark
    public int end() {
        return VecU8.end(encoded, 0);
    }
}
