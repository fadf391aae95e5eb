package ai.hyperware.ext.payload;

/**
 * Rust's {@code Vec<u8>} as serde writes it in MessagePack: an array of small ints, each byte below 0x80 as a
 * positive fixint and each other byte as {@code cc XX}.
 *
 * <p>These loops exist because the frame blob and every {@code byte[]} payload take this form, at up to 64 MiB:
 * going through a general MessagePack API one int at a time costs tens of nanoseconds per byte, these cost one or
 * two. Anything off the fast path (an int written in a wider form, which serde accepts too) is left to the caller's
 * general decoder.
 */
public final class VecU8 {

    private VecU8() {
    }

    /** The whole encoding: array header, then the ints. */
    public static byte[] encode(byte[] bytes) {
        int high = 0;
        for (byte b : bytes) {
            high += b >>> 31; // 1 for bytes >= 0x80, which need the cc prefix
        }
        int n = bytes.length;
        int header = n < 16 ? 1 : n < 65536 ? 3 : 5;
        byte[] out = new byte[header + n + high];
        int p = writeArrayHeader(out, n);
        for (byte b : bytes) {
            if (b < 0) {
                out[p++] = (byte) 0xcc;
            }
            out[p++] = b;
        }
        return out;
    }

    private static int writeArrayHeader(byte[] out, int n) {
        if (n < 16) {
            out[0] = (byte) (0x90 | n);
            return 1;
        }
        if (n < 65536) {
            out[0] = (byte) 0xdc;
            out[1] = (byte) (n >>> 8);
            out[2] = (byte) n;
            return 3;
        }
        out[0] = (byte) 0xdd;
        out[1] = (byte) (n >>> 24);
        out[2] = (byte) (n >>> 16);
        out[3] = (byte) (n >>> 8);
        out[4] = (byte) n;
        return 5;
    }

    /**
     * Reads a whole encoded {@code Vec<u8>} (array header and ints) when it is in the common form.
     *
     * @return the bytes, or {@code null} when anything is off the fast path, for a general decoder to read or refuse
     */
    public static byte[] decode(byte[] encoded) {
        if (encoded.length == 0) {
            return null;
        }
        int head = encoded[0] & 0xff;
        int count;
        int offset;
        if ((head & 0xf0) == 0x90) {
            count = head & 0x0f;
            offset = 1;
        } else if (head == 0xdc && encoded.length >= 3) {
            count = (encoded[1] & 0xff) << 8 | encoded[2] & 0xff;
            offset = 3;
        } else if (head == 0xdd && encoded.length >= 5) {
            count = (encoded[1] & 0xff) << 24 | (encoded[2] & 0xff) << 16 | (encoded[3] & 0xff) << 8
                    | encoded[4] & 0xff;
            offset = 5;
        } else {
            return null;
        }
        if (count < 0 || count > encoded.length - offset) {
            return null; // let the general path produce the error
        }
        byte[] bytes = new byte[count];
        int read = decodeInts(encoded, offset, count, bytes);
        return read >= 0 && offset + read == encoded.length ? bytes : null;
    }

    /**
     * Reads {@code count} ints from {@code source} at {@code offset}, if all are in the two common forms.
     *
     * @param into where the bytes go; its length is {@code count}
     * @return the number of source bytes read, or -1 if an element is in another form or the source ends first
     */
    public static int decodeInts(byte[] source, int offset, int count, byte[] into) {
        int p = offset;
        int end = source.length;
        for (int i = 0; i < count; i++) {
            if (p >= end) {
                return -1;
            }
            byte b = source[p];
            if (b >= 0) {
                into[i] = b;
                p++;
            } else if (b == (byte) 0xcc && p + 1 < end) {
                into[i] = source[p + 1];
                p += 2;
            } else {
                return -1;
            }
        }
        return p - offset;
    }
}
