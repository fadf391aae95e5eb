package ai.hyperware.ext.payload;

/**
 * Writes the values of one declared type, e.g. what a handler returns; made by {@link RustSerdeMapper#writer},
 * which checks the type once, at start-up.
 */
@FunctionalInterface
public interface ValueWriter {

    /** Encodes one value. */
    byte[] write(Object value) throws PayloadException;

    /**
     * {@code prefix}, then the encoded value, in one array; a reply's value is written this way inside
     * {@code {"Ok": ...}}. The writers {@link RustSerdeMapper} makes encode a {@code byte[]} straight after the
     * prefix; other values are encoded, then copied after it.
     */
    default byte[] writeAfter(byte[] prefix, Object value) throws PayloadException {
        byte[] encoded = write(value);
        byte[] out = new byte[prefix.length + encoded.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(encoded, 0, out, prefix.length, encoded.length);
        return out;
    }
}
