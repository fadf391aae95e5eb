package ai.hyperware.ext.connection.netty;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;

import ai.hyperware.ext.connection.FlowControlledSession.MessageBytes;

/**
 * Writes one WebSocket frame of a binary message as a client must (RFC 6455 §5.2, §5.3): the header, a fresh masking
 * key, and the payload masked with it. The message writes its bytes straight into pooled buffers, a piece at a time,
 * and they are masked where they lie.
 *
 * <p>Netty's own frame encoder takes a finished payload and copies it into a new buffer to mask it, so a reply would
 * be written into an array of its own, then masked into a copy. Here it is written once, into buffers the channel
 * takes as they are. They are heap buffers because the codec writes arrays at memory speed (on Java 17 a direct
 * buffer's accessors cost about half as much again); the transport copies each into direct memory for the socket in
 * one {@code memcpy}, as it would any heap buffer. The pieces are at most {@value #PIECE_SIZE} bytes, so that each is
 * a pooled buffer and stays in the cache between being written, masked and copied. Control frames and
 * {@code sendMessage} still go through Netty's encoder.
 */
final class MaskedFrameWriter {

    static final int PIECE_SIZE = 64 * 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int FIN = 0x80;
    private static final int OPCODE_CONTINUATION = 0x0;
    private static final int OPCODE_BINARY = 0x2;
    private static final int MASKED = 0x80;

    private MaskedFrameWriter() {
    }

    /**
     * The frame's bytes, ready for the socket, in order: the first buffer starts with the header. Nothing is left
     * allocated if the message or an allocation fails.
     *
     * @param length how many bytes of the message this frame carries
     * @param first  whether it is the message's first frame (binary) rather than a continuation
     * @param last   whether it is the message's last frame (FIN)
     */
    static List<ByteBuf> frame(ByteBufAllocator alloc, MessageBytes message, int length, boolean first,
            boolean last) {
        // a new key per frame, from the same source as Netty's encoder: the mask guards intermediaries against
        // chosen plaintext (RFC 6455 §10.3), and the node itself only unmasks
        int key = ThreadLocalRandom.current().nextInt();
        int headerLength = 2 + (length < 126 ? 0 : length <= 0xffff ? 2 : 8) + 4;
        List<ByteBuf> pieces = new ArrayList<>(1 + length / PIECE_SIZE);
        try {
            int done = 0;
            do {
                int payload = Math.min(PIECE_SIZE, length - done);
                int header = done == 0 ? headerLength : 0;
                ByteBuf piece = alloc.heapBuffer(header + payload);
                pieces.add(piece);
                if (done == 0) {
                    writeHeader(piece, length, first, last, key);
                }
                int at = piece.arrayOffset() + header;
                message.writeNext(piece.array(), at, payload);
                mask(piece.array(), at, payload, key, done);
                piece.writerIndex(header + payload);
                done += payload;
            } while (done < length);
            return pieces;
        } catch (RuntimeException | Error e) {
            pieces.forEach(ReferenceCountUtil::safeRelease);
            throw e;
        }
    }

    /** FIN and opcode, the mask bit and the shortest length form that holds the length, then the key. */
    private static void writeHeader(ByteBuf out, int length, boolean first, boolean last, int key) {
        out.writeByte((last ? FIN : 0) | (first ? OPCODE_BINARY : OPCODE_CONTINUATION));
        if (length < 126) {
            out.writeByte(MASKED | length);
        } else if (length <= 0xffff) {
            out.writeByte(MASKED | 126);
            out.writeShort(length);
        } else {
            out.writeByte(MASKED | 127);
            out.writeLong(length);
        }
        out.writeInt(key);
    }

    /**
     * XORs {@code length} bytes at {@code from} with the key, eight at a time. Payload byte {@code j} takes key byte
     * {@code j % 4} (the key as it is written, most significant first); {@code offset} is the payload index of the
     * first of these bytes.
     */
    static void mask(byte[] bytes, int from, int length, int key, int offset) {
        long keys = Integer.toUnsignedLong(Integer.reverseBytes(key)); // little-endian: key byte 0 lowest
        keys = Long.rotateRight(keys | keys << 32, (offset & 3) << 3);
        int p = from;
        int end = from + length;
        for (; p + 8 <= end; p += 8) {
            LONGS.set(bytes, p, (long) LONGS.get(bytes, p) ^ keys);
        }
        for (int shift = 0; p < end; p++, shift += 8) {
            bytes[p] ^= (byte) (keys >>> shift);
        }
    }
}
