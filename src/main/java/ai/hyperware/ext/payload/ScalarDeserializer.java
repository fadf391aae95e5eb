package ai.hyperware.ext.payload;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.util.AccessPattern;

/**
 * A scalar ({@code bool}, {@code char}, {@code String}, {@code f32}, {@code f64}, the integers) read only from the
 * MessagePack form serde accepts for it. Nil is refused as serde refuses it ({@code Option<T>} is an
 * {@code Optional}), and a {@link RustType} on a value other than an integer stops the start-up.
 */
abstract class ScalarDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {

    private final String rustType;

    ScalarDeserializer(Class<?> javaType, String rustType) {
        super(javaType);
        this.rustType = rustType;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        RustType declared = Declarations.rustType(property);
        if (declared != null) {
            return context.reportBadDefinition(context.constructType(handledType()), "@RustType(" + declared.value()
                    + ") on " + Declarations.where(property) + ": it names an integer type, but the value is a "
                    + handledType().getSimpleName() + " (" + rustType + "); remove it, or declare an integer");
        }
        return this;
    }

    @Override
    public Object getNullValue(DeserializationContext context) throws JsonMappingException {
        return context.reportInputMismatch(this, "invalid type: nil, expected " + expected()
                + " (an Option is an Optional in Java)");
    }

    @Override
    public AccessPattern getNullAccessPattern() {
        return AccessPattern.DYNAMIC; // getNullValue throws: it must be asked each time, never cached as a constant
    }

    /** Refuses the current token, naming what was there and what was expected. */
    final Object refuse(JsonParser in, DeserializationContext context) throws IOException {
        return context.reportInputMismatch(this, SerdeWords.invalidType(in, expected()));
    }

    /** {@code f32 (Java float)}. */
    final String expected() {
        return rustType + " (Java " + handledType().getSimpleName() + ")";
    }
}
