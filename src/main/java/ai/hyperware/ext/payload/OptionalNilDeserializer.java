package ai.hyperware.ext.payload;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.ReferenceTypeDeserializer;
import com.fasterxml.jackson.databind.util.AccessPattern;

/**
 * Nil (or a missing field) for an {@code Optional} is empty, {@code None}, without asking the content type. Jackson
 * would ask the content's deserializer for its null value, which for every scalar here refuses nil, as serde does for
 * a bare {@code i32} or {@code String}.
 */
final class OptionalNilDeserializer extends DelegatingDeserializer {

    OptionalNilDeserializer(JsonDeserializer<?> optional) {
        super(optional);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new OptionalNilDeserializer(newDelegatee);
    }

    @Override
    public Object getNullValue(DeserializationContext context) {
        return ((ReferenceTypeDeserializer<?>) _delegatee).referenceValue(null);
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        return getNullValue(context);
    }

    @Override
    public AccessPattern getNullAccessPattern() {
        return AccessPattern.DYNAMIC;
    }

    /** Applies to {@code Optional} and every other reference type the JDK 8 module reads. */
    static JsonDeserializer<?> wrap(JsonDeserializer<?> deserializer) {
        return deserializer instanceof ReferenceTypeDeserializer<?> ? new OptionalNilDeserializer(deserializer)
                : deserializer;
    }
}
