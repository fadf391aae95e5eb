package ai.hyperware.ext.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RawMsgpack;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.support.Allocations;
import ai.hyperware.ext.support.MsgpackMutations;

/**
 * Thousands of broken frames and blobs, made by mutating real ones and by plain random bytes (seeded, so a
 * failure can be replayed): reading them fails only in the documented way, and never allocates much more than the
 * input's own size, whatever length the headers claim.
 */
class FrameDecoderFuzzTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final long SEED = 0x5eed_2026_1125L;
    private static final int CASES = 20_000;
    /** Generous: a decoded blob plus the unpacker's buffers, but nowhere near a header's claim of gigabytes. */
    private static final long ALLOWANCE = 1 << 20;

    private static final byte[][] SEEDS = {
        HEX.parseHex(FrameGoldenBytesTest.ID_1_RESPONSE_PING),
        HEX.parseHex(FrameGoldenBytesTest.ID_MAX_REQUEST_OK_PONG),
        HEX.parseHex(FrameGoldenBytesTest.ID_2_63_RESPONSE_EMPTY),
        HEX.parseHex(FrameGoldenBytesTest.KINODE_ID_7_RESPONSE_OK_PONG),
        HEX.parseHex(FrameGoldenBytesTest.POSITIONAL_ID_1_RESPONSE),
    };

    private static byte[] randomInput(Random random) {
        if (random.nextInt(4) == 0) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            return bytes;
        }
        return MsgpackMutations.mutate(SEEDS[random.nextInt(SEEDS.length)], random);
    }

    @Test
    void brokenFramesFailOnlyWithMalformedFrameExceptionAndSmallAllocations() {
        for (byte[] seed : SEEDS) {
            Allocations.measure(() -> FrameDecoder.decode(seed)); // warm up class loading
        }
        Random random = new Random(SEED);
        int decoded = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = randomInput(random);
            Throwable[] thrown = new Throwable[1];
            long allocated = Allocations.measure(() -> {
                try {
                    FrameDecoder.decode(input);
                } catch (Throwable t) {
                    thrown[0] = t;
                }
            });
            if (thrown[0] == null) {
                decoded++;
            } else {
                assertThat(thrown[0]).as("case %d: %s", i, HEX.formatHex(input))
                        .isInstanceOf(MalformedFrameException.class);
            }
            assertThat(allocated).as("bytes allocated for case %d: %s", i, HEX.formatHex(input))
                    .isLessThan(ALLOWANCE + 16L * input.length);
        }
        assertThat(decoded).as("some mutations are still valid frames").isPositive();
    }

    @Test
    void brokenBlobsFailOnlyWithPayloadExceptionAndSmallAllocations() {
        RustSerdeMapper mapper = new RustSerdeMapper();
        Class<?>[] targets = {String.class, byte[].class, long.class, java.util.List.class, java.util.Map.class,
            RawMsgpack.class, Point.class};
        Random random = new Random(SEED + 1);
        byte[][] blobs = {HEX.parseHex("81a44563686f9201ccc8"), HEX.parseHex("a450696e67"),
            HEX.parseHex("81a952756e53637269707493a1619201ccc8cfffffffffffffffff"),
            HEX.parseHex("81a3457272aa6e6f2068616e646c6572")};
        for (byte[] blob : blobs) { // first use builds Jackson's deserializers: allocation that is not the input's
            for (Class<?> target : targets) {
                Allocations.measure(() -> mapper.read(RustEnumValue.parse(blob).value(), target));
            }
        }
        for (int i = 0; i < CASES; i++) {
            byte[] input = MsgpackMutations.mutate(blobs[random.nextInt(blobs.length)], random);
            Class<?> target = targets[random.nextInt(targets.length)];
            Throwable[] thrown = new Throwable[1];
            long allocated = Allocations.measure(() -> {
                try {
                    RustEnumValue value = RustEnumValue.parse(input);
                    if (!value.isUnit()) {
                        mapper.read(value.value(), target);
                    }
                } catch (Throwable t) {
                    thrown[0] = t;
                }
            });
            if (thrown[0] != null) {
                assertThat(thrown[0]).as("case %d as %s: %s", i, target.getSimpleName(), HEX.formatHex(input))
                        .isInstanceOf(PayloadException.class);
            }
            assertThat(allocated).as("bytes allocated for case %d: %s", i, HEX.formatHex(input))
                    .isLessThan(ALLOWANCE + 16L * input.length);
        }
    }

    record Point(int x, int y) {
    }
}
