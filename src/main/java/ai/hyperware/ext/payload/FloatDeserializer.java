package ai.hyperware.ext.payload;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;

/**
 * {@code f32} into {@code float}, {@code f64} into {@code double}. Like serde, an integer is accepted for a float;
 * unlike serde, only when the float holds it exactly (an {@code f64} holds integers up to 2^53), and an {@code f64}
 * for a {@code float} only when it is exactly an {@code f32}: a value that would arrive rounded is refused, naming
 * the wider type.
 */
final class FloatDeserializer extends ScalarDeserializer {

    private final boolean single;

    FloatDeserializer(Class<?> javaType) {
        super(javaType, javaType == float.class || javaType == Float.class ? "f32" : "f64");
        this.single = javaType == float.class || javaType == Float.class;
    }

    @Override
    public Object deserialize(JsonParser in, DeserializationContext context) throws IOException {
        JsonToken token = in.currentToken();
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = in.getDoubleValue();
            if (!single) {
                return value;
            }
            if ((double) (float) value == value || Double.isNaN(value)) {
                return (float) value;
            }
            return context.reportInputMismatch(this, "invalid value: floating point `" + value + "` is not exactly"
                    + " an f32, expected " + expected() + ": take a double for an f64");
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            BigInteger integer = in.getBigIntegerValue();
            Number value = single ? (Number) integer.floatValue() : (Number) integer.doubleValue();
            if (new BigDecimal(value.doubleValue()).compareTo(new BigDecimal(integer)) == 0) {
                return value;
            }
            return context.reportInputMismatch(this, "invalid value: integer `" + integer + "` is not exactly an "
                    + expected());
        }
        return refuse(in, context);
    }
}
