package ai.hyperware.ext.wire;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

import ai.hyperware.ext.payload.VecU8;

/**
 * Writes a frame byte for byte as {@code rmp_serde::to_vec_named} (or, for a positional frame, {@code to_vec})
 * writes it on the node.
 *
 * <ul>
 *   <li>the id in its smallest unsigned form, {@code cf} + 8 bytes for ids at or above 2^63 (never the
 *       negative {@code d3} form, which the node rejects);</li>
 *   <li>the blob as an array of small ints ({@code Vec<u8>} under serde), which every node version reads,
 *       not as {@code bin};</li>
 *   <li>the type field under the name the frame carries.</li>
 * </ul>
 */
public final class FrameEncoder {

    private static final byte UINT64 = (byte) 0xcf;

    private FrameEncoder() {
    }

    /** The encoded frame. Never fails for a valid {@link Frame}. */
    public static byte[] encode(Frame frame) {
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            out.packMapHeader(1).packString(FrameDecoder.VARIANT);
            if (frame.layout() == FrameLayout.NAMED) {
                out.packMapHeader(3);
                out.packString("id");
                packUnsigned(out, frame.id());
                out.packString(frame.typeFieldName().fieldName());
                out.packString(frame.type().wireName());
                out.packString("blob");
            } else {
                out.packArrayHeader(3);
                packUnsigned(out, frame.id());
                out.packString(frame.type().wireName());
            }
            packIntArray(out, frame.blob());
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    /**
     * An upper bound (exact to within a few header bytes) of the encoded size of a frame, computed without encoding
     * it, so that an oversized reply can be refused before any memory is spent on it.
     */
    public static long maxEncodedSize(Frame frame) {
        byte[] blob = frame.blob();
        long ints = 0;
        for (byte b : blob) {
            ints += b < 0 ? 2 : 1; // bytes >= 0x80 are written cc XX
        }
        long header = 1 + 1 + FrameDecoder.VARIANT.length() + 1 + 9 + 1 + "Response".length() + 5;
        if (frame.layout() == FrameLayout.NAMED) {
            header += 3 + 1 + frame.typeFieldName().fieldName().length() + 5;
        }
        return header + ints;
    }

    static void packUnsigned(MessagePacker out, long id) throws IOException {
        if (id >= 0) {
            out.packLong(id); // msgpack-java picks the smallest unsigned form for non-negative values
        } else {
            out.writePayload(new byte[] {UINT64,
                (byte) (id >>> 56), (byte) (id >>> 48), (byte) (id >>> 40), (byte) (id >>> 32),
                (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
        }
    }

    /** {@code Vec<u8>} as serde writes it: bytes below 0x80 as a positive fixint, the rest as {@code cc XX}. */
    static void packIntArray(MessagePacker out, byte[] bytes) throws IOException {
        out.writePayload(VecU8.encode(bytes));
    }
}
