package ai.hyperware.ext.wire;

import java.util.EnumMap;
import java.util.Map;

import ai.hyperware.ext.payload.MsgpackString;
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
 *
 * <p>The blob's ints are written straight into place, by {@link FrameWriter} in pieces into whatever buffer carries
 * them: a large reply is its biggest allocation, and copying it through a packer's buffer, an array of the whole frame
 * and the network buffer in turn would triple the work.
 */
public final class FrameEncoder {

    private static final byte FIXMAP_1 = (byte) 0x81;
    private static final byte FIXMAP_3 = (byte) 0x83;
    private static final byte FIXARRAY_3 = (byte) 0x93;
    private static final byte[] VARIANT = MsgpackString.encode(FrameDecoder.VARIANT);
    private static final byte[] ID = MsgpackString.encode("id");
    private static final byte[] BLOB = MsgpackString.encode("blob");
    private static final Map<TypeFieldName, byte[]> FIELD_NAMES = new EnumMap<>(TypeFieldName.class);
    private static final Map<MessageType, byte[]> TYPES = new EnumMap<>(MessageType.class);

    static {
        for (TypeFieldName name : TypeFieldName.values()) {
            FIELD_NAMES.put(name, MsgpackString.encode(name.fieldName()));
        }
        for (MessageType type : MessageType.values()) {
            TYPES.put(type, MsgpackString.encode(type.wireName()));
        }
    }

    private FrameEncoder() {
    }

    /**
     * The encoded frame, in one array of exactly its size. Never fails for a valid {@link Frame} whose encoding fits
     * in an array. The extension itself sends replies through {@link #writer}; this is for peers and tests.
     *
     * @throws IllegalArgumentException if the encoding would exceed 2 GiB (check {@link #encodedSize} first)
     */
    public static byte[] encode(Frame frame) {
        FrameWriter writer = writer(frame);
        if (writer.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("frame id " + frame.idString() + " encodes to " + writer.size()
                    + " bytes, more than an array can hold");
        }
        byte[] out = new byte[(int) writer.size()];
        writer.writeNext(out, 0, out.length);
        return out;
    }

    /** A writer of the frame's encoding, to write it a piece at a time into buffers (network buffers, say). */
    public static FrameWriter writer(Frame frame) {
        return writer(frame, encodedSize(frame));
    }

    /**
     * A writer of the frame's encoding whose size is already known, as {@link #encodedSize} gave it: the outbox
     * counts each frame's bytes when it is queued, and need not count them again for every attempt to send it.
     */
    public static FrameWriter writer(Frame frame, long encodedSize) {
        return new FrameWriter(envelope(frame), frame.blob(), encodedSize);
    }

    /**
     * The encoded size of a frame, computed without encoding it, so that an oversized reply can be refused before
     * any memory is spent on it, and a frame's bytes are known before it is written. It is exact.
     */
    public static long encodedSize(Frame frame) {
        return envelopeSize(frame) + VecU8.encodedLength(frame.blob());
    }

    /** Everything before the blob's ints: the variant, the id, the message type, and the names of the fields. */
    private static byte[] envelope(Frame frame) {
        byte[] out = new byte[envelopeSize(frame)];
        out[0] = FIXMAP_1;
        int p = put(out, 1, VARIANT);
        if (frame.layout() == FrameLayout.NAMED) {
            out[p++] = FIXMAP_3;
            p = put(out, p, ID);
            p = putUnsigned(out, p, frame.id());
            p = put(out, p, FIELD_NAMES.get(frame.typeFieldName()));
            p = put(out, p, TYPES.get(frame.type()));
            put(out, p, BLOB);
        } else {
            out[p++] = FIXARRAY_3;
            p = putUnsigned(out, p, frame.id());
            put(out, p, TYPES.get(frame.type()));
        }
        return out;
    }

    private static int envelopeSize(Frame frame) {
        int size = 1 + VARIANT.length + 1 + unsignedSize(frame.id()) + TYPES.get(frame.type()).length;
        if (frame.layout() == FrameLayout.NAMED) {
            size += ID.length + FIELD_NAMES.get(frame.typeFieldName()).length + BLOB.length;
        }
        return size;
    }

    private static int put(byte[] out, int p, byte[] bytes) {
        System.arraycopy(bytes, 0, out, p, bytes.length);
        return p + bytes.length;
    }

    /** The smallest MessagePack uint form: positive fixint, then cc, cd, ce, cf. A negative long is u64 >= 2^63. */
    private static int unsignedSize(long id) {
        if (id < 0 || id >= 1L << 32) {
            return 9;
        }
        return id < 128 ? 1 : id < 256 ? 2 : id < 65536 ? 3 : 5;
    }

    private static int putUnsigned(byte[] out, int p, long id) {
        int size = unsignedSize(id);
        switch (size) {
            case 1 -> out[p] = (byte) id;
            case 2 -> out[p] = (byte) 0xcc;
            case 3 -> out[p] = (byte) 0xcd;
            case 5 -> out[p] = (byte) 0xce;
            default -> out[p] = (byte) 0xcf;
        }
        for (int i = 1; i < size; i++) {
            out[p + i] = (byte) (id >>> (8 * (size - 1 - i))); // big-endian
        }
        return p + size;
    }
}
