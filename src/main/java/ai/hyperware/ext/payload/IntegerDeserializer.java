package ai.hyperware.ext.payload;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.util.AccessPattern;

/**
 * Reads a Java integer ({@code byte} to {@code long}, their boxes, {@code BigInteger}) from a MessagePack integer
 * only, and only if it is in the range of the Rust type it stands for: the Java type's own width, or the
 * {@link RustType} on its declaration. Anything else is refused as serde refuses it: {@code 4000000000} for an
 * {@code int}, {@code 1.5}, {@code "12"}, {@code true} or nil. MessagePack's own parser would narrow silently
 * ({@code 4000000000} read as an {@code int} is {@code -294967296}), so the range is checked here on the full value.
 */
final class IntegerDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {

    private final JavaInteger java;
    private final RustInteger rust;

    IntegerDeserializer(Class<?> javaType) {
        this(javaType, RustInteger.defaultFor(javaType));
    }

    private IntegerDeserializer(Class<?> javaType, RustInteger rust) {
        super(javaType);
        this.java = JavaInteger.of(javaType);
        this.rust = rust;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        RustType declared = Declarations.rustType(property);
        if (declared == null || declared.value() == rust) {
            return this;
        }
        if (!declared.value().fitsIn(handledType())) {
            return context.reportBadDefinition(context.constructType(handledType()), "@RustType("
                    + declared.value() + ") on " + Declarations.where(property) + ": a Rust "
                    + declared.value().rustName() + " does not fit a Java " + handledType().getSimpleName()
                    + "; declare it " + declared.value().javaTypeName() + " (or BigInteger)");
        }
        return new IntegerDeserializer(handledType(), declared.value());
    }

    @Override
    public Object deserialize(JsonParser in, DeserializationContext context) throws IOException {
        if (in.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return context.reportInputMismatch(this, SerdeWords.invalidType(in, expected()));
        }
        if (in.getNumberType() == JsonParser.NumberType.BIG_INTEGER) { // only a u64 above 2^63 comes as one
            java.math.BigInteger value = in.getBigIntegerValue();
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

    /** Nil is not an integer: serde refuses it for every integer type; {@code Option<T>} is {@code Optional}. */
    @Override
    public Object getNullValue(DeserializationContext context) throws JsonMappingException {
        return context.reportInputMismatch(this, "invalid type: nil, expected " + expected()
                + " (an Option is an Optional in Java)");
    }

    @Override
    public AccessPattern getNullAccessPattern() {
        return AccessPattern.DYNAMIC; // getNullValue throws: it must be asked each time, never cached as a constant
    }

    private String invalidValue(Object value) {
        return "invalid value: integer `" + value + "`, expected " + expected();
    }

    /** {@code i32 (Java int)}, {@code u32 (Java long)}. */
    private String expected() {
        return rust.rustName() + " (Java " + handledType().getSimpleName() + ")";
    }
}
