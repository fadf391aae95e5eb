package ai.hyperware.ext.payload;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Replies shaped like Rust's {@code Result<T, String>}: {@code {"Ok": value}} or {@code {"Err": "message"}}.
 * A requester that deserializes {@code Result<T, String>} reads either without a special case.
 */
public final class RustResult {

    public static final String OK = "Ok";
    public static final String ERR = "Err";

    private RustResult() {
    }

    /** {@code {"Ok": value}} around an already encoded value. */
    public static byte[] ok(byte[] encodedValue) {
        return RustEnumValue.of(OK, encodedValue).toBytes();
    }

    /** {@code {"Err": message}}. */
    public static byte[] err(String message) {
        return RustEnumValue.of(ERR, encodeString(message)).toBytes();
    }

    static byte[] encodeString(String text) {
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            out.packString(text);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }
}
