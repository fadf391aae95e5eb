package ai.hyperware.ext.payload;

import java.io.IOException;
import java.lang.annotation.Annotation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.PropertyMetadata;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.AccessPattern;

/**
 * A handler's whole payload or reply value whose declaration carries a {@link RustType}, e.g.
 * {@code count(@RustType(U32) long limit)}. Jackson hands annotations to (de)serializers only through a property,
 * and a top-level value has none; so the handler's parameter (or method) stands in for one, and the value is read
 * and written through (de)serializers contextualised with it once, at start-up.
 */
final class AnnotatedRoot {

    private AnnotatedRoot() {
    }

    /** The handler parameter or method as a property: it carries the annotation and names the handler in errors. */
    static final class Property extends BeanProperty.Std {

        private final transient RustType declared;
        private final String description;

        Property(JavaType type, RustType declared, String description) {
            super(PropertyName.construct("value"), type, null, null, PropertyMetadata.STD_REQUIRED);
            this.declared = declared;
            this.description = description;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A extends Annotation> A getAnnotation(Class<A> type) {
            return type == RustType.class ? (A) declared : null;
        }

        String description() {
            return description;
        }
    }

    /** Reads with the contextualised deserializer that the reader carries as an attribute. */
    static final class Deserializer extends StdDeserializer<Object> {

        Deserializer() {
            super(Object.class);
        }

        @Override
        public Object deserialize(JsonParser in, DeserializationContext context) throws IOException {
            return contextual(context).deserialize(in, context);
        }

        @Override
        public Object getNullValue(DeserializationContext context) throws JsonMappingException {
            return contextual(context).getNullValue(context);
        }

        @Override
        public AccessPattern getNullAccessPattern() {
            return AccessPattern.DYNAMIC;
        }

        @SuppressWarnings("unchecked")
        private static JsonDeserializer<Object> contextual(DeserializationContext context) {
            return (JsonDeserializer<Object>) context.getAttribute(AnnotatedRoot.class);
        }
    }

    /** A value with the serializer contextualised for its declaration. */
    record Value(Object value, JsonSerializer<Object> serializer) {
    }

    static final class Serializer extends StdSerializer<Value> {

        Serializer() {
            super(Value.class);
        }

        @Override
        public void serialize(Value value, JsonGenerator out, SerializerProvider provider) throws IOException {
            value.serializer().serialize(value.value(), out, provider);
        }
    }
}
