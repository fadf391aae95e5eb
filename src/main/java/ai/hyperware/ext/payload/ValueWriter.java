package ai.hyperware.ext.payload;

/**
 * Writes the values of one declared type, e.g. what a handler returns; made by {@link RustSerdeMapper#writer},
 * which checks the type once, at start-up.
 */
@FunctionalInterface
public interface ValueWriter {

    /** Encodes one value. */
    byte[] write(Object value) throws PayloadException;
}
