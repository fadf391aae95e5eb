package ai.hyperware.ext.payload;

import java.io.IOException;
import java.lang.reflect.Array;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes {@code int[]}, {@code long[]}, {@code char[]} and the other primitive arrays but {@code byte[]} as serde
 * writes a {@code Vec<T>}: an array, each element written by the element type's serializer, so that a
 * {@link RustType} on the array applies to its elements and a {@code char[]} is an array of one-character strings
 * (Jackson would write it as one string).
 */
final class PrimitiveArraySerializer extends StdSerializer<Object> implements ContextualSerializer {

    private final JsonSerializer<Object> element;

    @SuppressWarnings("unchecked")
    PrimitiveArraySerializer(Class<?> arrayType, JsonSerializer<Object> element) {
        super((Class<Object>) arrayType);
        this.element = element;
    }

    @Override
    public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
            throws JsonMappingException {
        return new PrimitiveArraySerializer(handledType(),
                provider.findValueSerializer(handledType().getComponentType(), property));
    }

    @Override
    public void serialize(Object array, JsonGenerator out, SerializerProvider provider) throws IOException {
        int length = Array.getLength(array);
        out.writeStartArray(array, length);
        for (int i = 0; i < length; i++) {
            element.serialize(Array.get(array, i), out, provider);
        }
        out.writeEndArray();
    }
}
