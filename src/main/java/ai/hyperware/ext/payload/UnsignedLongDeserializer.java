package ai.hyperware.ext.payload;

import java.io.IOException;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads a {@code long} from any Rust integer, {@code u64} included: values from 2^63 to 2^64-1 keep their 64 bits
 * and so read as negative Java longs ({@link Long#toUnsignedString(long)} prints them right).
 */
final class UnsignedLongDeserializer extends StdDeserializer<Long> {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    UnsignedLongDeserializer(Class<Long> type) {
        super(type);
    }

    @Override
    public Long deserialize(JsonParser in, DeserializationContext context) throws IOException {
        if (in.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return (Long) context.handleUnexpectedToken(handledType(), in);
        }
        if (in.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return in.getLongValue();
        }
        BigInteger value = in.getBigIntegerValue();
        if (value.signum() < 0 || value.compareTo(TWO_TO_64) >= 0) {
            return (Long) context.handleWeirdNumberValue(handledType(), value, "outside the u64 and i64 ranges");
        }
        return value.longValue();
    }
}
