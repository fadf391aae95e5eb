package ai.hyperware.ext.handler;

import java.util.Optional;

import com.fasterxml.jackson.databind.JavaType;

import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RawMsgpack;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;

/**
 * Binds the variant's value to the payload parameter. A unit variant has no value: it binds to an empty
 * {@code Optional} and is refused for any other type.
 */
final class PayloadArgumentResolver implements ArgumentResolver {

    private final RustSerdeMapper mapper;
    private final JavaType type;

    PayloadArgumentResolver(RustSerdeMapper mapper, JavaType type) {
        this.mapper = mapper;
        this.type = type;
    }

    @Override
    public Object resolve(RequestContext context, RustEnumValue request) throws PayloadException {
        if (request.isUnit()) {
            if (type.getRawClass() == Optional.class) {
                return Optional.empty();
            }
            throw new PayloadException("variant " + request.variant() + " carries no value, but the handler expects "
                    + type.getTypeName());
        }
        if (type.getRawClass() == RawMsgpack.class) {
            return new RawMsgpack(request.value());
        }
        return mapper.read(request.value(), type);
    }
}
