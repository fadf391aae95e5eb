package ai.hyperware.ext.payload;

import java.io.IOException;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a Java integer as the Rust type it stands for (see {@link RustType}): a {@code long} declared
 * {@code u64} with its 64 bits as an unsigned integer, and a value outside the Rust type's range not at all, so
 * that the handler's reply becomes an {@code Err} naming the value instead of bytes the process cannot decode.
 */
final class IntegerSerializer extends StdSerializer<Object> implements ContextualSerializer {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private final RustInteger rust;

    IntegerSerializer(Class<?> javaType) {
        this(javaType, RustInteger.defaultFor(javaType));
    }

    @SuppressWarnings("unchecked")
    private IntegerSerializer(Class<?> javaType, RustInteger rust) {
        super((Class<Object>) javaType);
        this.rust = rust;
    }

    @Override
    public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
            throws JsonMappingException {
        RustInteger declared = Declarations.integer(provider, property, handledType(), rust);
        return declared == rust ? this : new IntegerSerializer(handledType(), declared);
    }

    @Override
    public void serialize(Object value, JsonGenerator out, SerializerProvider provider) throws IOException {
        if (value instanceof BigInteger big) {
            if (!rust.contains(big)) {
                outOfRange(big, provider);
            }
            out.writeNumber(big);
            return;
        }
        long number = ((Number) value).longValue();
        if (rust == RustInteger.U64 && number < 0) { // a u64 above 2^63, held in a long's 64 bits
            out.writeNumber(BigInteger.valueOf(number).add(TWO_TO_64));
            return;
        }
        if (!rust.contains(number)) {
            outOfRange(number, provider);
        }
        out.writeNumber(number);
    }

    private void outOfRange(Object value, SerializerProvider provider) throws IOException {
        provider.reportMappingProblem("integer `%s` is out of range for %s: the process could not decode it", value,
                rust.rustName());
    }
}
