package ai.hyperware.ext.payload;

import java.io.IOException;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * {@code OptionalInt}, {@code OptionalLong} and {@code OptionalDouble} ({@code Option<i32>}, {@code Option<i64>},
 * {@code Option<f64>}): nil is empty, anything else is read by the strict deserializer of {@code int}, {@code long}
 * or {@code double}. The JDK 8 module's own read through the parser's silently narrowing accessors.
 */
final class PrimitiveOptionalDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {

    private final JsonDeserializer<Object> content;

    PrimitiveOptionalDeserializer(Class<?> optionalType) {
        this(optionalType, null);
    }

    private PrimitiveOptionalDeserializer(Class<?> optionalType, JsonDeserializer<Object> content) {
        super(optionalType);
        this.content = content;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        return new PrimitiveOptionalDeserializer(handledType(),
                context.findContextualValueDeserializer(context.constructType(contentType()), property));
    }

    @Override
    public Object deserialize(JsonParser in, DeserializationContext context) throws IOException {
        Object value = content.deserialize(in, context);
        if (handledType() == OptionalInt.class) {
            return OptionalInt.of((Integer) value);
        }
        if (handledType() == OptionalLong.class) {
            return OptionalLong.of((Long) value);
        }
        return OptionalDouble.of((Double) value);
    }

    @Override
    public Object getNullValue(DeserializationContext context) {
        if (handledType() == OptionalInt.class) {
            return OptionalInt.empty();
        }
        return handledType() == OptionalLong.class ? OptionalLong.empty() : OptionalDouble.empty();
    }

    private Class<?> contentType() {
        if (handledType() == OptionalInt.class) {
            return int.class;
        }
        return handledType() == OptionalLong.class ? long.class : double.class;
    }
}
