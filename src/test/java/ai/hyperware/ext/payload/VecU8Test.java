package ai.hyperware.ext.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
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
    void writesIntoTheMiddleOfAnArrayAndNowhereElse() throws IOException {
        byte[] bytes = mixed(new Random(SEED), 40, 50);
        int length = (int) VecU8.encodedLength(bytes);
        byte[] out = new byte[3 + length + 2];
        new VecU8.Writer(bytes).writeNext(out, 3, length);
        assertThat(Arrays.copyOfRange(out, 3, 3 + length)).isEqualTo(packedOneByOne(bytes));
        assertThat(out[0]).isZero();
        assertThat(Arrays.copyOfRange(out, 3 + length, out.length)).containsOnly((byte) 0);
    }

    /**
     * Written in pieces of random sizes (a network buffer's), the encoding is the same bytes, and no piece writes
     * past its own end, even where a piece ends between a cc marker and its value.
     */
    @Test
    void inPiecesOfAnySizeWritesTheSameBytesAndNeverPastAPiece() throws IOException {
        long seed = SEED + System.nanoTime();
        System.out.println("VecU8Test pieces seed: " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 400; round++) {
            byte[] bytes = mixed(random, random.nextInt(300), random.nextInt(101));
            byte[] expected = packedOneByOne(bytes);
            byte[] out = new byte[expected.length + 24];
            Arrays.fill(out, (byte) 0x5a);
            VecU8.Writer writer = new VecU8.Writer(bytes);
            int at = 0;
            while (at < expected.length) {
                int piece = Math.min(expected.length - at, 1 + random.nextInt(random.nextBoolean() ? 3 : 40));
                writer.writeNext(out, at, piece);
                at += piece;
                assertThat(Arrays.copyOfRange(out, at, out.length)).as("seed %d round %d: after the piece ending at %d",
                        seed, round, at).containsOnly((byte) 0x5a);
            }
            assertThat(Arrays.copyOf(out, expected.length)).as("seed %d round %d", seed, round).isEqualTo(expected);
        }
    }

    @Test
    void refusesToWriteMoreThanRemains() {
        VecU8.Writer writer = new VecU8.Writer(new byte[] {1, (byte) 0x80});
        assertThatThrownBy(() -> writer.writeNext(new byte[8], 0, 5)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("asked for 5 bytes");
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

    /**
     * The word-at-a-time decoder against a reading one int at a time, on arrays damaged at random: an int in the
     * {@code cc XX} form for a small value, a marker replaced, a value made small, bytes cut off. Every length from
     * 0 to 80 crosses the eight-byte steps at every offset, with and without a pair split across two words.
     */
    @Test
    void decodesAndScansExactlyLikeAReaderOfOneIntAtATime() {
        long seed = SEED + 7;
        Random random = new Random(seed);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = mixed(random, random.nextInt(81), random.nextInt(101));
            byte[] encoded = VecU8.encode(bytes);
            int damage = random.nextInt(4);
            if (damage == 1 && encoded.length > 1) {
                encoded[1 + random.nextInt(encoded.length - 1)] = (byte) random.nextInt(256);
            } else if (damage == 2 && encoded.length > 1) {
                encoded = Arrays.copyOf(encoded, 1 + random.nextInt(encoded.length - 1));
            } else if (damage == 3) {
                encoded = withSmallIntAsUint8(random, bytes);
            }
            byte[] into = new byte[encoded.length];
            int end = decodeOneByOne(encoded, into);
            byte[] expected = end == encoded.length ? Arrays.copyOf(into, count(encoded)) : null;
            assertThat(VecU8.decode(encoded)).as("seed %d, round %d: %s", seed, round, HEX.formatHex(encoded))
                    .isEqualTo(expected);
            assertThat(VecU8.end(encoded, 0)).as("seed %d, round %d: %s", seed, round, HEX.formatHex(encoded))
                    .isEqualTo(end);
        }
    }

    /** The encoding with one small int written as {@code cc XX}, which serde reads too. */
    private static byte[] withSmallIntAsUint8(Random random, byte[] bytes) {
        int small = -1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] >= 0 && (small < 0 || random.nextBoolean())) {
                small = i;
            }
        }
        byte[] minimal = VecU8.encode(bytes);
        int headerLength = bytes.length < 16 ? 1 : bytes.length < 65536 ? 3 : 5;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(minimal, 0, headerLength);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] < 0 || i == small) {
                out.write(0xcc);
            }
            out.write(bytes[i]);
        }
        return out.toByteArray();
    }

    /** The element count of the array header that starts {@code encoded} (one that {@link #decodeOneByOne} took). */
    private static int count(byte[] encoded) {
        int head = encoded[0] & 0xff;
        return (head & 0xf0) == 0x90 ? head & 0x0f : (encoded[1] & 0xff) << 8 | encoded[2] & 0xff;
    }

    /**
     * A Vec<u8> read one element at a time, as the simplest decoder would, into {@code into}: returns the offset just
     * past it, or -1 where it is not one.
     */
    private static int decodeOneByOne(byte[] encoded, byte[] into) {
        if (encoded.length == 0) {
            return -1;
        }
        int head = encoded[0] & 0xff;
        int count;
        int p;
        if ((head & 0xf0) == 0x90) {
            count = head & 0x0f;
            p = 1;
        } else if (head == 0xdc && encoded.length >= 3) {
            count = (encoded[1] & 0xff) << 8 | encoded[2] & 0xff;
            p = 3;
        } else {
            return -1;
        }
        for (int i = 0; i < count; i++) {
            if (p >= encoded.length) {
                return -1;
            }
            int b = encoded[p] & 0xff;
            if (b < 0x80) {
                into[i] = (byte) b;
                p++;
            } else if (b == 0xcc && p + 1 < encoded.length) {
                into[i] = encoded[p + 1];
                p += 2;
            } else {
                return -1;
            }
        }
        return p;
    }
}
