package ai.hyperware.ext.payload;

import java.io.IOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/** Reads {@code byte[]} from an array of ints 0..255 (serde's {@code Vec<u8>}) or from {@code bin}. */
final class ByteArrayDeserializer extends StdDeserializer<byte[]> {

    ByteArrayDeserializer() {
        super(byte[].class);
    }

    @Override
    public byte[] deserialize(JsonParser in, DeserializationContext context) throws IOException {
        if (in.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT) {
            return in.getBinaryValue();
        }
        if (!in.isExpectedStartArrayToken()) {
            return (byte[]) context.handleUnexpectedToken(byte[].class, in);
        }
        byte[] bytes = new byte[64];
        int size = 0;
        for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
            int value = token == JsonToken.VALUE_NUMBER_INT ? in.getIntValue() : -1;
            if (value < 0 || value > 255) {
                return (byte[]) context.handleUnexpectedToken(byte[].class, in);
            }
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2); // grows with what was read, never with a header's claim
            }
            bytes[size++] = (byte) value;
        }
        return Arrays.copyOf(bytes, size);
    }
}
