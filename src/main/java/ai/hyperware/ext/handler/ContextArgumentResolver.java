package ai.hyperware.ext.handler;

import ai.hyperware.ext.payload.RustEnumValue;

/** Supplies the {@link RequestContext}. */
final class ContextArgumentResolver implements ArgumentResolver {

    @Override
    public Object resolve(RequestContext context, RustEnumValue request) {
        return context;
    }
}
