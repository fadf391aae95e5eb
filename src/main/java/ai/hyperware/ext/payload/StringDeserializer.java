package ai.hyperware.ext.payload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;

/**
 * {@code String} from a MessagePack string, or from {@code bin} holding UTF-8 (serde's {@code String} accepts
 * both). A number, a boolean or nil is refused: Jackson would turn {@code 12} into {@code "12"}, which serde does not.
 */
final class StringDeserializer extends ScalarDeserializer {

    StringDeserializer() {
        super(String.class, "String");
    }

    @Override
    public Object deserialize(JsonParser in, DeserializationContext context) throws IOException {
        JsonToken token = in.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return in.getText();
        }
        if (token == JsonToken.VALUE_EMBEDDED_OBJECT && in.getEmbeddedObject() instanceof byte[] bytes) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return context.reportInputMismatch(this, "invalid value: bytes that are not UTF-8, expected "
                        + expected());
            }
        }
        return refuse(in, context);
    }
}
