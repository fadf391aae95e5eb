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
 * <p>The frame is written into one array of exactly its size, the blob's ints straight into place: a large reply
 * is its biggest allocation, and copying it through a packer's buffer and out again would double the work.
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
     * The encoded frame. Never fails for a valid {@link Frame} whose encoding fits in an array.
     *
     * @throws IllegalArgumentException if the encoding would exceed 2 GiB (check {@link #maxEncodedSize} first)
     */
    public static byte[] encode(Frame frame) {
        boolean named = frame.layout() == FrameLayout.NAMED;
        byte[] fieldName = FIELD_NAMES.get(frame.typeFieldName());
        byte[] type = TYPES.get(frame.type());
        long size = headerSize(frame, fieldName) + VecU8.encodedLength(frame.blob());
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("frame id " + frame.idString() + " encodes to " + size
                    + " bytes, more than an array can hold");
        }
        byte[] out = new byte[(int) size];
        out[0] = FIXMAP_1;
        int p = put(out, 1, VARIANT);
        if (named) {
            out[p++] = FIXMAP_3;
            p = put(out, p, ID);
            p = putUnsigned(out, p, frame.id());
            p = put(out, p, fieldName);
            p = put(out, p, type);
            p = put(out, p, BLOB);
        } else {
            out[p++] = FIXARRAY_3;
            p = putUnsigned(out, p, frame.id());
            p = put(out, p, type);
        }
        VecU8.encodeInto(frame.blob(), out, p);
        return out;
    }

    /**
     * The encoded size of a frame, computed without encoding it, so that an oversized reply can be refused before
     * any memory is spent on it. It is exact; callers may treat it as an upper bound.
     */
    public static long maxEncodedSize(Frame frame) {
        return headerSize(frame, FIELD_NAMES.get(frame.typeFieldName())) + VecU8.encodedLength(frame.blob());
    }

    private static int headerSize(Frame frame, byte[] fieldName) {
        int size = 1 + VARIANT.length + 1 + unsignedSize(frame.id()) + TYPES.get(frame.type()).length;
        if (frame.layout() == FrameLayout.NAMED) {
            size += ID.length + fieldName.length + BLOB.length;
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
