package ai.hyperware.ext.payload;

import java.nio.charset.StandardCharsets;

/**
 * A MessagePack string in its smallest form, as {@code rmp_serde} and msgpack-java write it: {@code fixstr} up to 31
 * bytes, then {@code str8}, {@code str16}, {@code str32}. Written directly into the array that holds the whole
 * message, so that small replies cost one exact allocation rather than a packer and its buffer.
 */
public final class MsgpackString {

    private MsgpackString() {
    }

    /** The whole encoding of {@code text}. */
    public static byte[] encode(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[encodedLength(utf8.length)];
        writeHeader(out, 0, utf8.length);
        System.arraycopy(utf8, 0, out, out.length - utf8.length, utf8.length);
        return out;
    }

    /** Header plus bytes, for a string of {@code utf8Length} bytes. */
    public static int encodedLength(int utf8Length) {
        return headerLength(utf8Length) + utf8Length;
    }

    static int headerLength(int utf8Length) {
        return utf8Length < 32 ? 1 : utf8Length < 256 ? 2 : utf8Length < 65536 ? 3 : 5;
    }

    /** Writes the header at {@code p}; returns the offset just past it, where the bytes go. */
    static int writeHeader(byte[] out, int p, int utf8Length) {
        if (utf8Length < 32) {
            out[p] = (byte) (0xa0 | utf8Length);
            return p + 1;
        }
        if (utf8Length < 256) {
            out[p] = (byte) 0xd9;
            out[p + 1] = (byte) utf8Length;
            return p + 2;
        }
        if (utf8Length < 65536) {
            out[p] = (byte) 0xda;
            out[p + 1] = (byte) (utf8Length >>> 8);
            out[p + 2] = (byte) utf8Length;
            return p + 3;
        }
        out[p] = (byte) 0xdb;
        out[p + 1] = (byte) (utf8Length >>> 24);
        out[p + 2] = (byte) (utf8Length >>> 16);
        out[p + 3] = (byte) (utf8Length >>> 8);
        out[p + 4] = (byte) utf8Length;
        return p + 5;
    }
}
