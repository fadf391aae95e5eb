package ai.hyperware.ext.handler;

import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RustEnumValue;

/** Produces one argument of a handler method for one request. One implementation per kind of parameter. */
interface ArgumentResolver {

    Object resolve(RequestContext context, RustEnumValue request) throws PayloadException;
}
