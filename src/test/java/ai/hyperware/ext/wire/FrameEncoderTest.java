package ai.hyperware.ext.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The encoder writes into one exact array by hand; here it is held to msgpack-java writing the same frame value by
 * value (seeded random frames: ids in every uint form, both layouts, both field names, blobs of every size class).
 * The golden bytes of PROTOCOL.md are in {@link FrameGoldenBytesTest}.
 */
class FrameEncoderTest {

    private static final long SEED = 0xf4a3_e000L;
    private static final long[] ID_EDGES = {0, 127, 128, 255, 256, 65535, 65536, 0xffff_ffffL, 0x1_0000_0000L,
        Long.MAX_VALUE, Long.MIN_VALUE, -1L};

    @Test
    void writesWhatAGeneralPackerWritesForAnyFrame() throws IOException {
        Random random = new Random(SEED);
        for (int i = 0; i < 2_000; i++) {
            long id = i < ID_EDGES.length ? ID_EDGES[i] : random.nextLong() >>> random.nextInt(64);
            byte[] blob = new byte[random.nextInt(4) == 0 ? random.nextInt(70_000) : random.nextInt(40)];
            random.nextBytes(blob);
            Frame frame = new Frame(id, MessageType.values()[random.nextInt(2)], blob,
                    TypeFieldName.values()[random.nextInt(2)], FrameLayout.values()[random.nextInt(2)]);

            byte[] encoded = FrameEncoder.encode(frame);
            assertThat(encoded).as("%s", frame).isEqualTo(packedValueByValue(frame));
            assertThat(FrameEncoder.encodedSize(frame)).isEqualTo(encoded.length);
        }
    }

    /** The writer the transport uses, in pieces of any size (down to one byte), writes the same bytes. */
    @Test
    void writtenInPiecesAFrameIsTheSameBytes() throws IOException {
        long seed = SEED + System.nanoTime();
        System.out.println("FrameEncoderTest pieces seed: " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            byte[] blob = new byte[random.nextInt(3) == 0 ? random.nextInt(20_000) : random.nextInt(60)];
            random.nextBytes(blob);
            Frame frame = new Frame(random.nextLong() >>> random.nextInt(64), MessageType.RESPONSE, blob,
                    TypeFieldName.values()[random.nextInt(2)], FrameLayout.values()[random.nextInt(2)]);
            byte[] expected = packedValueByValue(frame);
            FrameWriter writer = FrameEncoder.writer(frame);
            assertThat(writer.size()).isEqualTo(expected.length);
            byte[] written = new byte[expected.length];
            while (writer.remaining() > 0) {
                int piece = (int) Math.min(writer.remaining(), 1 + random.nextInt(random.nextBoolean() ? 4 : 5000));
                writer.writeNext(written, (int) (writer.size() - writer.remaining()), piece);
            }
            assertThat(written).as("seed %d, %s", seed, frame).isEqualTo(expected);
        }
    }

    /** A writer told a size below the frame's refuses to finish, rather than put a frame cut short on the wire. */
    @Test
    void aWriterGivenTooSmallASizeFailsInsteadOfCuttingTheFrameShort() {
        Frame frame = Frame.of(1, MessageType.RESPONSE, new byte[] {1, 2, (byte) 0x80});
        long size = FrameEncoder.encodedSize(frame);
        FrameWriter writer = FrameEncoder.writer(frame, size - 1);
        assertThatThrownBy(() -> writer.writeNext(new byte[(int) size], 0, (int) size - 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("longer than");
        FrameWriter exact = FrameEncoder.writer(frame, size);
        byte[] out = new byte[(int) size];
        exact.writeNext(out, 0, out.length);
        assertThat(out).isEqualTo(FrameEncoder.encode(frame));
    }

    private static byte[] packedValueByValue(Frame frame) throws IOException {
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            out.packMapHeader(1).packString(FrameDecoder.VARIANT);
            BigInteger id = new BigInteger(Long.toUnsignedString(frame.id()));
            if (frame.layout() == FrameLayout.NAMED) {
                out.packMapHeader(3).packString("id").packBigInteger(id)
                        .packString(frame.typeFieldName().fieldName()).packString(frame.type().wireName())
                        .packString("blob");
            } else {
                out.packArrayHeader(3).packBigInteger(id).packString(frame.type().wireName());
            }
            out.packArrayHeader(frame.blob().length);
            for (byte b : frame.blob()) {
                out.packInt(b & 0xff);
            }
            return out.toByteArray();
        }
    }
}
