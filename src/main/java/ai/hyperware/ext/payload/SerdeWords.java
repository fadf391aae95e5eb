package ai.hyperware.ext.payload;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Binding errors worded as serde words them ({@code invalid type: floating point `1.5`, expected i32}), so that a
 * Rust developer reading an {@code Err} recognises the mistake. Text from the input is never quoted: a hostile string
 * must not reach a log line or a reply.
 */
final class SerdeWords {

    private SerdeWords() {
    }

    /** The value at the parser's current token, e.g. {@code integer `4000000000`} or {@code string}. */
    static String describe(JsonParser in) throws IOException {
        JsonToken token = in.currentToken();
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case VALUE_NUMBER_INT -> "integer `" + in.getBigIntegerValue() + "`";
            case VALUE_NUMBER_FLOAT -> "floating point `" + in.getDoubleValue() + "`";
            case VALUE_TRUE -> "boolean `true`";
            case VALUE_FALSE -> "boolean `false`";
            case VALUE_NULL -> "nil";
            case VALUE_STRING -> "string of " + in.getTextLength() + " characters";
            case VALUE_EMBEDDED_OBJECT -> "bytes";
            case START_ARRAY -> "sequence";
            case START_OBJECT, FIELD_NAME -> "map";
            default -> token.name();
        };
    }

    /** {@code invalid type: <what was there>, expected <what>}. */
    static String invalidType(JsonParser in, String expected) throws IOException {
        return "invalid type: " + describe(in) + ", expected " + expected;
    }
}
