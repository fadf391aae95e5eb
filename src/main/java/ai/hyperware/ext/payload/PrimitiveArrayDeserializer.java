package ai.hyperware.ext.payload;

import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * {@code int[]}, {@code long[]}, {@code char[]} and the other primitive arrays but {@code byte[]}, from a
 * MessagePack array ({@code Vec<T>}), each element read by the element type's own strict deserializer. Jackson's
 * built-in ones read elements through the parser's silently narrowing accessors, and read {@code char[]} from a
 * string, which is not how serde writes a {@code Vec<char>}.
 */
final class PrimitiveArrayDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {

    private final Class<?> component;
    private final JsonDeserializer<Object> element;

    PrimitiveArrayDeserializer(Class<?> arrayType) {
        this(arrayType, null);
    }

    private PrimitiveArrayDeserializer(Class<?> arrayType, JsonDeserializer<Object> element) {
        super(arrayType);
        this.component = arrayType.getComponentType();
        this.element = element;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        // the property goes along, so that a @RustType on the array applies to its elements
        return new PrimitiveArrayDeserializer(handledType(),
                context.findContextualValueDeserializer(context.constructType(component), property));
    }

    @Override
    public Object deserialize(JsonParser in, DeserializationContext context) throws IOException {
        if (!in.isExpectedStartArrayToken()) {
            return context.reportInputMismatch(this, SerdeWords.invalidType(in, "a sequence (Java "
                    + handledType().getSimpleName() + ")"));
        }
        List<Object> values = new ArrayList<>();
        for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
            values.add(token == JsonToken.VALUE_NULL ? element.getNullValue(context)
                    : element.deserialize(in, context));
        }
        Object array = Array.newInstance(component, values.size());
        for (int i = 0; i < values.size(); i++) {
            Array.set(array, i, values.get(i));
        }
        return array;
    }
}
