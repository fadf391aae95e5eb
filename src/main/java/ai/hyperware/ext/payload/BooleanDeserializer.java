package ai.hyperware.ext.payload;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;

/** {@code bool} from MessagePack {@code true} or {@code false} only: never from {@code 0}, {@code 1} or a string. */
final class BooleanDeserializer extends ScalarDeserializer {

    BooleanDeserializer(Class<?> javaType) {
        super(javaType, "bool");
    }

    @Override
    public Object deserialize(JsonParser in, DeserializationContext context) throws IOException {
        JsonToken token = in.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        return refuse(in, context);
    }
}
