package ai.hyperware.ext.payload;

/**
 * Replies shaped like Rust's {@code Result<T, String>}: {@code {"Ok": value}} or {@code {"Err": "message"}}.
 * A requester that deserializes {@code Result<T, String>} reads either without a special case.
 */
public final class RustResult {

    public static final String OK = "Ok";
    public static final String ERR = "Err";

    private RustResult() {
    }

    private static final byte[] OK_PREFIX = RustEnumValue.of(OK, new byte[0]).toBytes();

    /** {@code {"Ok": value}} around an already encoded value. */
    public static byte[] ok(byte[] encodedValue) {
        return RustEnumValue.of(OK, encodedValue).toBytes();
    }

    /** What comes before the value in {@code {"Ok": value}}: the map header and the name. A copy; change it freely. */
    public static byte[] okPrefix() {
        return OK_PREFIX.clone();
    }

    /** {@code {"Err": message}}. */
    public static byte[] err(String message) {
        return RustEnumValue.of(ERR, MsgpackString.encode(message)).toBytes();
    }
}
