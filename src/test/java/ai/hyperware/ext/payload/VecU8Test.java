package ai.hyperware.ext.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The Vec&lt;u8&gt; loops against msgpack-java writing the same ints one by one (seeded, so a failure can be replayed):
 * every length around the array-header and eight-byte boundaries, and byte mixes from all-low (the copied path) to
 * all-high (the per-byte path).
 */
class VecU8Test {

    private static final HexFormat HEX = HexFormat.of();
    private static final long SEED = 0x7ec_0008L;
    private static final int[] SIZES = {0, 1, 7, 8, 9, 15, 16, 17, 23, 24, 25, 63, 64, 65, 127, 1000, 65535, 65536,
        65537, 100_003};

    @Test
    void encodesEveryLengthAndMixExactlyAsAnIntPerByte() throws IOException {
        Random random = new Random(SEED);
        for (int size : SIZES) {
            for (int highPercent : new int[] {0, 1, 50, 99, 100}) {
                byte[] bytes = mixed(random, size, highPercent);
                byte[] expected = packedOneByOne(bytes);
                assertThat(VecU8.encode(bytes)).as("%d bytes, %d%% high", size, highPercent).isEqualTo(expected);
                assertThat(VecU8.encodedLength(bytes)).isEqualTo(expected.length);
            }
        }
    }

    @Test
    void encodesIntoTheMiddleOfALargerArray() {
        byte[] bytes = mixed(new Random(SEED), 40, 50);
        byte[] out = new byte[3 + (int) VecU8.encodedLength(bytes) + 2];
        int end = VecU8.encodeInto(bytes, out, 3);
        assertThat(end).isEqualTo(out.length - 2);
        assertThat(Arrays.copyOfRange(out, 3, end)).isEqualTo(VecU8.encode(bytes));
    }

    @Test
    void decodesWhatItEncodesAndFindsItsEnd() {
        Random random = new Random(SEED + 1);
        for (int size : SIZES) {
            for (int highPercent : new int[] {0, 1, 50, 100}) {
                byte[] bytes = mixed(random, size, highPercent);
                byte[] encoded = VecU8.encode(bytes);
                assertThat(VecU8.decode(encoded)).as("%d bytes, %d%% high", size, highPercent).isEqualTo(bytes);
                assertThat(VecU8.end(encoded, 0)).isEqualTo(encoded.length);
            }
        }
    }

    @Test
    void readsANonMinimalHeaderAndSmallBytesWrittenAsUint8() {
        assertThat(VecU8.decode(HEX.parseHex("dc0002cc0501"))).isEqualTo(new byte[] {5, 1}); // serde reads these too
        assertThat(VecU8.end(HEX.parseHex("a161dd00000001cc80"), 2)).isEqualTo(9); // after "a"
    }

    @Test
    void leavesWiderIntFormsToTheGeneralDecoderInEitherLoop() {
        // an int in the uint16 form, early (per-byte tail) and late in a long array (eight-at-a-time loop)
        assertThat(VecU8.decode(HEX.parseHex("92cd000501"))).isNull();
        byte[] longArray = VecU8.encode(mixed(new Random(SEED), 64, 50));
        byte[] widened = new byte[longArray.length + 2];
        System.arraycopy(longArray, 0, widened, 0, 3);
        widened[3] = (byte) 0xcd;
        widened[4] = 0;
        System.arraycopy(longArray, 3, widened, 5, longArray.length - 3);
        assertThat(VecU8.decode(widened)).isNull();
        assertThat(VecU8.end(widened, 0)).isEqualTo(-1);
    }

    @Test
    void refusesWhatIsCutShortOrNotAnArray() {
        byte[] encoded = VecU8.encode(mixed(new Random(SEED), 100, 50));
        for (int cut = 0; cut < encoded.length; cut++) {
            byte[] truncated = Arrays.copyOf(encoded, cut);
            assertThat(VecU8.decode(truncated)).as("cut at %d", cut).isNull();
            assertThat(VecU8.end(truncated, 0)).as("cut at %d", cut).isEqualTo(-1);
        }
        assertThat(VecU8.decode(HEX.parseHex("c403010203"))).isNull(); // bin: the general decoder's job
        assertThat(VecU8.end(HEX.parseHex("a450696e67"), 0)).isEqualTo(-1);
        assertThat(VecU8.decode(HEX.parseHex("ddffffffff"))).isNull(); // a count of 2^32 - 1
        assertThat(VecU8.decode(HEX.parseHex("9201ccc8ff"))).as("trailing byte").isNull();
    }

    private static byte[] mixed(Random random, int size, int highPercent) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            int b = random.nextInt(128);
            bytes[i] = (byte) (random.nextInt(100) < highPercent ? b | 0x80 : b);
        }
        return bytes;
    }

    private static byte[] packedOneByOne(byte[] bytes) throws IOException {
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            out.packArrayHeader(bytes.length);
            for (byte b : bytes) {
                out.packInt(b & 0xff);
            }
            return out.toByteArray();
        }
    }
}
