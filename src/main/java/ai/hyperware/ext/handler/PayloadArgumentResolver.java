package ai.hyperware.ext.handler;

import java.util.Optional;

import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.ValueReader;

/**
 * Binds the variant's value to the payload parameter. A unit variant has no value: it binds to an empty
 * {@code Optional} and is refused for any other type.
 */
final class PayloadArgumentResolver implements ArgumentResolver {

    private final ValueReader reader;

    PayloadArgumentResolver(ValueReader reader) {
        this.reader = reader;
    }

    @Override
    public Object resolve(RequestContext context, RustEnumValue request) throws PayloadException {
        if (request.isUnit()) {
            if (reader.type().getRawClass() == Optional.class) {
                return Optional.empty();
            }
            throw new PayloadException("variant " + request.variant() + " carries no value, but the handler expects "
                    + reader.type().getTypeName());
        }
        return reader.read(request);
    }
}
