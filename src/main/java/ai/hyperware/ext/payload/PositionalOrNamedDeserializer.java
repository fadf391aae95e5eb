package ai.hyperware.ext.payload;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.CreatorProperty;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.type.ReferenceType;

/**
 * Reads a record or POJO from either of the forms {@code rmp_serde} writes a struct in: a map of field names
 * ({@code to_vec_named}) or a positional array ({@code to_vec}) in the order {@link StructFields} gives. Like
 * serde, a positional array must have exactly one element per field ({@code invalid length 3, expected struct Point
 * with 2 elements}); a named map may have extra fields, which are ignored.
 */
final class PositionalOrNamedDeserializer extends DelegatingDeserializer {

    private final StructFields layout;
    private volatile SettableBeanProperty[] positional;

    PositionalOrNamedDeserializer(JsonDeserializer<?> named, StructFields layout) {
        super(named);
        this.layout = layout;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
        return new PositionalOrNamedDeserializer(newDelegatee, layout);
    }

    @Override
    public Object deserialize(JsonParser in, DeserializationContext context) throws IOException {
        if (!in.isExpectedStartArrayToken()) {
            return super.deserialize(in, context);
        }
        if (!layout.ordered()) {
            return context.reportInputMismatch(this, "a positional array (rmp_serde::to_vec) for "
                    + layout.unorderedReason());
        }
        SettableBeanProperty[] fields = positional();
        Object[] values = new Object[fields.length];
        int count = 0;
        for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
            if (count == fields.length) {
                return invalidLength(in, context, fields.length);
            }
            try {
                values[count] = fields[count].deserialize(in, context);
            } catch (JsonMappingException e) {
                e.prependPath(handledType(), fields[count].getName());
                throw e;
            }
            count++;
        }
        if (count < fields.length) {
            return context.reportInputMismatch(this, "invalid length %d, expected struct %s with %d elements", count,
                    handledType().getSimpleName(), fields.length);
        }
        return build(context, fields, values);
    }

    /** Counts the rest of the array, to say how long it was, as serde does. */
    private Object invalidLength(JsonParser in, DeserializationContext context, int expected) throws IOException {
        int count = expected;
        for (JsonToken token = in.currentToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
            in.skipChildren();
            count++;
        }
        return context.reportInputMismatch(this, "invalid length %d, expected struct %s with %d elements", count,
                handledType().getSimpleName(), expected);
    }

    /** Creator arguments (a record's components) go to the constructor, the other fields to their setters. */
    private Object build(DeserializationContext context, SettableBeanProperty[] fields, Object[] values)
            throws IOException {
        ValueInstantiator instantiator = ((BeanDeserializerBase) _delegatee).getValueInstantiator();
        Object bean;
        if (instantiator.canCreateFromObjectWith()) {
            Object[] arguments = new Object[instantiator.getFromObjectArguments(context.getConfig()).length];
            for (int i = 0; i < fields.length; i++) {
                if (fields[i] instanceof CreatorProperty creator) {
                    arguments[creator.getCreatorIndex()] = values[i];
                }
            }
            bean = instantiator.createFromObjectWith(context, arguments);
        } else {
            bean = instantiator.createUsingDefault(context);
        }
        for (int i = 0; i < fields.length; i++) {
            if (!(fields[i] instanceof CreatorProperty)) {
                fields[i].set(bean, values[i]);
            }
        }
        return bean;
    }

    /** The delegate's properties, resolved by now, in the layout's order. */
    private SettableBeanProperty[] positional() {
        SettableBeanProperty[] result = positional;
        if (result == null) {
            BeanDeserializerBase named = (BeanDeserializerBase) _delegatee;
            List<String> names = layout.names();
            result = names.stream().map(named::findProperty).toArray(SettableBeanProperty[]::new);
            positional = result;
        }
        return result;
    }

    /**
     * Wraps every bean deserializer, so nested structs accept both forms too, and records refuse missing fields;
     * and every {@code Optional}'s, so that nil is empty whatever the content type.
     */
    static final class Modifier extends BeanDeserializerModifier {
        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                BeanDeserializerBuilder builder) {
            if (builder.getValueInstantiator() != null) {
                builder.setValueInstantiator(new RequiredFields(builder.getValueInstantiator()));
            }
            return builder;
        }

        @Override
        public JsonDeserializer<?> modifyReferenceDeserializer(DeserializationConfig config, ReferenceType type,
                BeanDescription description, JsonDeserializer<?> deserializer) {
            return OptionalNilDeserializer.wrap(deserializer);
        }

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                JsonDeserializer<?> deserializer) {
            return deserializer instanceof BeanDeserializerBase
                    ? new PositionalOrNamedDeserializer(deserializer, StructFields.of(description))
                    : deserializer;
        }
    }
}
