package ai.hyperware.ext.payload;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;

/**
 * {@code char} from a string of exactly one character, as serde writes a Rust {@code char}. A Rust {@code char}
 * beyond U+FFFF (an emoji) does not fit a Java {@code char} and is refused, never split into half a surrogate pair.
 */
final class CharDeserializer extends ScalarDeserializer {

    CharDeserializer(Class<?> javaType) {
        super(javaType, "char");
    }

    @Override
    public Object deserialize(JsonParser in, DeserializationContext context) throws IOException {
        if (in.currentToken() != JsonToken.VALUE_STRING) {
            return refuse(in, context);
        }
        String text = in.getText();
        if (text.length() == 1 && !Character.isSurrogate(text.charAt(0))) {
            return text.charAt(0);
        }
        if (text.codePointCount(0, text.length()) == 1) {
            return context.reportInputMismatch(this, "invalid value: a char beyond U+FFFF, expected " + expected()
                    + ", which holds only U+0000 to U+FFFF: take a String or an int");
        }
        return context.reportInputMismatch(this, "invalid value: string of " + text.length()
                + " characters, expected " + expected());
    }
}
