package ai.hyperware.ext.payload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * Puts {@code byte[]} values written through Jackson into their {@code Vec<u8>} form afterwards.
 *
 * <p>Jackson's MessagePack generator writes a {@code byte[]} either as {@code bin}, which older nodes cannot read
 * into a {@code Vec<u8>}, or one boxed int at a time, which costs about 150 ns per byte (160 ms for a 1 MiB field,
 * measured with bench/jmh). So {@link ByteArrayAsIntsSerializer} writes each one as an extension value of a
 * private type holding the bytes, and the encoded result is rewritten here: those values become int arrays (by
 * {@link VecU8}), everything else is copied byte for byte, never decoded and re-encoded.
 */
final class VecU8Splice {

    /** The extension type that stands for a {@code byte[]} until it is spliced; an application type, 'V'. */
    static final byte TYPE = 0x56;

    private VecU8Splice() {
    }

    /**
     * Whether {@code encoded} may hold a placeholder: a quick scan for the extension headers of {@link #TYPE}. A
     * false alarm only costs a {@link #expand} that changes nothing.
     */
    static boolean mayContain(byte[] encoded) {
        int n = encoded.length;
        for (int i = 0; i < n; i++) {
            int head = encoded[i] & 0xff;
            int typeAt = head >= 0xd4 && head <= 0xd8 ? i + 1 // fixext 1..16
                    : head == 0xc7 ? i + 2 : head == 0xc8 ? i + 3 : head == 0xc9 ? i + 5 : -1;
            if (typeAt > 0 && typeAt < n && encoded[typeAt] == TYPE) {
                return true;
            }
        }
        return false;
    }

    /** The same value with every placeholder replaced by its {@code Vec<u8>} encoding. */
    static byte[] expand(byte[] encoded) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length + encoded.length / 2);
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(encoded)) {
            while (in.hasNext()) {
                copyValue(in, encoded, out);
            }
        }
        return out.toByteArray();
    }

    private static void copyValue(MessageUnpacker in, byte[] encoded, ByteArrayOutputStream out) throws IOException {
        int start = (int) in.getTotalReadBytes();
        MessageFormat format = in.getNextFormat();
        switch (format.getValueType()) {
            case ARRAY -> {
                int elements = in.unpackArrayHeader();
                copyRaw(encoded, start, in, out);
                for (int i = 0; i < elements; i++) {
                    copyValue(in, encoded, out);
                }
            }
            case MAP -> {
                int entries = in.unpackMapHeader();
                copyRaw(encoded, start, in, out);
                for (int i = 0; i < 2 * entries; i++) {
                    copyValue(in, encoded, out);
                }
            }
            case EXTENSION -> {
                ExtensionTypeHeader header = in.unpackExtensionTypeHeader();
                if (header.getType() == TYPE) {
                    out.writeBytes(VecU8.encode(in.readPayload(header.getLength())));
                } else {
                    in.readPayloadAsReference(header.getLength());
                    copyRaw(encoded, start, in, out);
                }
            }
            default -> {
                in.skipValue();
                copyRaw(encoded, start, in, out);
            }
        }
    }

    private static void copyRaw(byte[] encoded, int start, MessageUnpacker in, ByteArrayOutputStream out) {
        out.write(encoded, start, (int) in.getTotalReadBytes() - start);
    }
}
