package ai.hyperware.ext.payload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.CreatorProperty;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.impl.BeanAsArrayDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;

import com.fasterxml.jackson.core.JsonParser;

/**
 * Reads a record or POJO from either of the forms {@code rmp_serde} writes a struct in: a map of field names
 * ({@code to_vec_named}) or a positional array ({@code to_vec}), whose order is the Rust field order and so the
 * record component (or field declaration) order.
 */
final class PositionalOrNamedDeserializer extends DelegatingDeserializer {

    private volatile JsonDeserializer<Object> positional;

    PositionalOrNamedDeserializer(JsonDeserializer<?> named) {
        super(named);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new PositionalOrNamedDeserializer(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser in, DeserializationContext context) throws IOException {
        if (in.isExpectedStartArrayToken()) {
            return positional().deserialize(in, context);
        }
        return super.deserialize(in, context);
    }

    /** Built on first use, from the delegate as resolved and contextualised by then. */
    private JsonDeserializer<Object> positional() {
        JsonDeserializer<Object> result = positional;
        if (result == null) {
            BeanDeserializerBase named = (BeanDeserializerBase) _delegatee;
            List<SettableBeanProperty> ordered = new ArrayList<>();
            named.properties().forEachRemaining(ordered::add);
            // Jackson's own order puts creator (record) properties in no fixed order; the Rust order is the
            // constructor's, so creator properties go first by their index, then the rest as declared.
            ordered.sort(Comparator.comparingInt(p -> p instanceof CreatorProperty creator
                    ? creator.getCreatorIndex() : Integer.MAX_VALUE));
            result = new BeanAsArrayDeserializer(named, ordered.toArray(SettableBeanProperty[]::new));
            positional = result;
        }
        return result;
    }

    /** Wraps every bean deserializer, so nested structs accept both forms too. */
    static final class Modifier extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                JsonDeserializer<?> deserializer) {
            return deserializer instanceof BeanDeserializerBase
                    ? new PositionalOrNamedDeserializer(deserializer)
                    : deserializer;
        }
    }
}
