package ai.hyperware.ext.payload;

import java.io.IOException;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Reads a Java integer ({@code byte} to {@code long}, their boxes, {@code BigInteger}) from a MessagePack integer
 * only, and only if it is in the range of the Rust type it stands for: the Java type's own width, or the
 * {@link RustType} on its declaration. Anything else is refused as serde refuses it: {@code 4000000000} for an
 * {@code int}, {@code 1.5}, {@code "12"}, {@code true} or nil. MessagePack's own parser would narrow silently
 * ({@code 4000000000} read as an {@code int} is {@code -294967296}), so the range is checked here on the full value.
 */
final class IntegerDeserializer extends ScalarDeserializer {

    private final JavaInteger java;
    private final RustInteger rust;

    IntegerDeserializer(Class<?> javaType) {
        this(javaType, RustInteger.defaultFor(javaType));
    }

    private IntegerDeserializer(Class<?> javaType, RustInteger rust) {
        super(javaType, rust.rustName());
        this.java = JavaInteger.of(javaType);
        this.rust = rust;
    }

    /** A {@link RustType} on the declaration narrows (or, for {@code u64}, widens) the range. */
    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        RustInteger declared = Declarations.integer(context, property, handledType(), rust);
        return declared == rust ? this : new IntegerDeserializer(handledType(), declared);
    }

    @Override
    public Object deserialize(JsonParser in, DeserializationContext context) throws IOException {
        if (in.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return refuse(in, context);
        }
        if (in.getNumberType() == JsonParser.NumberType.BIG_INTEGER) { // only a u64 above 2^63 comes as one
            BigInteger value = in.getBigIntegerValue();
            if (!rust.contains(value)) {
                return context.reportInputMismatch(this, invalidValue(value));
            }
            return java.convert(value);
        }
        long value = in.getLongValue();
        if (!rust.contains(value)) {
            return context.reportInputMismatch(this, invalidValue(value));
        }
        return java.convert(value);
    }

    private String invalidValue(Object value) {
        return "invalid value: integer `" + value + "`, expected " + expected();
    }
}
