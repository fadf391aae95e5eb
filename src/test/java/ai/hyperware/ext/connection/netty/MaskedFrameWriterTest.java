package ai.hyperware.ext.connection.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import org.junit.jupiter.api.Test;

import ai.hyperware.ext.connection.FlowControlledSession.MessageBytes;
import ai.hyperware.ext.support.StrictFrameParser;

/**
 * The frames the extension writes past Netty's encoder: for every length form and across pieces, a strict server's
 * parser reads them as the message that was written, with no violation, whether the message is one frame or a first
 * frame and continuations; and masking from any offset is the byte-by-byte XOR of RFC 6455 §5.3.
 */
class MaskedFrameWriterTest {

    private static final long SEED = 0x3a5c_0009L;

    @Test
    void aStrictParserReadsEveryLengthFormAsTheMessageWritten() {
        Random random = new Random(SEED);
        for (int length : new int[] {0, 1, 125, 126, 127, 65535, 65536, 65537, MaskedFrameWriter.PIECE_SIZE * 3 + 5}) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            assertThat(parse(message, length)).as("%d bytes as one frame", length).isEqualTo(message);
            int fragment = Math.max(1, length / 3 + 1);
            assertThat(parse(message, fragment)).as("%d bytes in frames of %d", length, fragment).isEqualTo(message);
        }
    }

    @Test
    void maskingFromAnyOffsetIsTheBytewiseXor() {
        Random random = new Random(SEED);
        for (int offset = 0; offset < 8; offset++) {
            for (int length = 0; length < 40; length++) {
                byte[] bytes = new byte[length + 4];
                random.nextBytes(bytes);
                byte[] expected = bytes.clone();
                int key = random.nextInt();
                for (int j = 0; j < length; j++) {
                    expected[2 + j] ^= (byte) (key >>> (24 - 8 * ((offset + j) & 3)));
                }
                MaskedFrameWriter.mask(bytes, 2, length, key, offset);
                assertThat(bytes).as("offset %d, %d bytes", offset, length).isEqualTo(expected);
            }
        }
    }

    /** Writes {@code message} in frames of at most {@code frameLength} bytes and parses what went out. */
    private static byte[] parse(byte[] message, int frameLength) {
        List<StrictFrameParser.Message> parsed = new ArrayList<>();
        StrictFrameParser parser = new StrictFrameParser(parsed::add);
        int[] read = {0}; // the message's bytes, handed out in order, as a FrameWriter hands out a frame's
        MessageBytes bytesInOrder = (out, offset, count) -> {
            System.arraycopy(message, read[0], out, offset, count);
            read[0] += count;
        };
        int done = 0;
        do {
            int length = Math.min(frameLength, message.length - done);
            for (ByteBuf piece : MaskedFrameWriter.frame(ByteBufAllocator.DEFAULT, bytesInOrder, length, done == 0,
                    done + length == message.length)) {
                byte[] bytes = new byte[piece.readableBytes()];
                piece.readBytes(bytes);
                piece.release();
                parser.feed(bytes, 0, bytes.length);
            }
            done += length;
        } while (done < message.length);
        assertThat(parser.violations()).isEmpty();
        assertThat(parsed).hasSize(1);
        assertThat(parsed.get(0).opcode()).isEqualTo(2);
        return Arrays.copyOf(parsed.get(0).payload(), parsed.get(0).payload().length);
    }
}
