package ai.hyperware.ext.payload;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.impl.PropertyValueBuffer;

/**
 * Refuses a record (or {@code @JsonCreator}) read from a named map that lacks one of its fields, as serde's derive
 * refuses it ({@code missing field `b`}), instead of passing 0 or null. A missing {@code Optional} is empty, as a
 * missing {@code Option} is {@code None}.
 */
final class RequiredFields extends ValueInstantiator.Delegating {

    RequiredFields(ValueInstantiator delegate) {
        super(delegate);
    }

    @Override
    public ValueInstantiator createContextual(DeserializationContext context, BeanDescription description)
            throws JsonMappingException {
        ValueInstantiator contextual = delegate().createContextual(context, description);
        return contextual == delegate() ? this : new RequiredFields(contextual);
    }

    @Override
    public Object createFromObjectWith(DeserializationContext context, SettableBeanProperty[] properties,
            PropertyValueBuffer buffer) throws IOException {
        for (SettableBeanProperty property : properties) {
            if (property != null && !buffer.hasParameter(property) && !isOptional(property.getType().getRawClass())) {
                context.reportInputMismatch(property, "missing field `%s` of %s", property.getName(),
                        getValueClass().getSimpleName());
            }
        }
        return delegate().createFromObjectWith(context, properties, buffer);
    }

    static boolean isOptional(Class<?> type) {
        return type == Optional.class || type == OptionalInt.class || type == OptionalLong.class
                || type == OptionalDouble.class;
    }
}
