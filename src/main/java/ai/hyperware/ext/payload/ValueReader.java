package ai.hyperware.ext.payload;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads the values of one declared type, e.g. a handler's payload parameter; made by
 * {@link RustSerdeMapper#reader}, which checks the type once, at start-up.
 */
public final class ValueReader {

    private final RustSerdeMapper mapper;
    private final JavaType type;
    private final ObjectReader reader;

    ValueReader(RustSerdeMapper mapper, JavaType type, ObjectReader reader) {
        this.mapper = mapper;
        this.type = type;
        this.reader = reader;
    }

    /** The type values are read as. */
    public JavaType type() {
        return type;
    }

    /**
     * Binds the value of a parsed enum; a {@code byte[]} gets the bytes the parse already decoded, when the value is
     * a {@code Vec<u8>}, without reading them again.
     */
    public Object read(RustEnumValue value) throws PayloadException {
        byte[] decoded = value.decodedVecU8();
        if (decoded != null && reader != null && type.getRawClass() == byte[].class) {
            return decoded;
        }
        return read(value.value());
    }

    /** Binds one encoded value; a {@link RawMsgpack} gets the bytes as they are. */
    public Object read(byte[] encoded) throws PayloadException {
        if (reader == null) {
            return new RawMsgpack(encoded);
        }
        return mapper.read(encoded, type, reader);
    }
}
