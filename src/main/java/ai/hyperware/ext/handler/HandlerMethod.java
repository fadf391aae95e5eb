package ai.hyperware.ext.handler;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.payload.RustType;
import ai.hyperware.ext.payload.ValueReader;
import ai.hyperware.ext.payload.ValueWriter;

/**
 * One {@link ExtensionHandler} method, checked once at start-up and ready to call: its argument resolvers are chosen
 * up front, so a request costs a lookup and a reflective call.
 */
public final class HandlerMethod {

    private static final byte[] OK_PREFIX = RustResult.okPrefix();

    private final String variant;
    private final String beanName;
    private final Object bean;
    private final Method method;
    private final Method declared;
    private final List<ArgumentResolver> resolvers;
    private final ValueWriter resultWriter;
    private final boolean wrapResult;
    private final boolean blocking;
    private final boolean bindsBytes;

    private HandlerMethod(String variant, String beanName, Object bean, Method method, Method declared,
            List<ArgumentResolver> resolvers, ValueWriter resultWriter, boolean wrapResult, boolean blocking) {
        this.variant = variant;
        this.beanName = beanName;
        this.bean = bean;
        this.method = method;
        this.declared = declared;
        this.resolvers = resolvers;
        this.resultWriter = resultWriter;
        this.wrapResult = wrapResult;
        this.blocking = blocking;
        this.bindsBytes = Arrays.stream(declared.getParameterTypes()).anyMatch(type -> type == byte[].class);
    }

    /**
     * Checks a handler method's signature and prepares it.
     *
     * @param declared  the method as declared on the user class (where the annotation and generic types are)
     * @param invocable the same method as it can be invoked on {@code bean}, which may be an AOP proxy
     * @throws IllegalStateException naming the bean, the method and the fix, if the signature is not supported
     */
    public static HandlerMethod of(String beanName, Object bean, Method declared, Method invocable,
            ExtensionHandler annotation, RustSerdeMapper mapper) {
        String where = beanName + "#" + declared.getName();
        if (annotation.value().isBlank()) {
            throw new IllegalStateException("@ExtensionHandler on " + where + " names no variant: "
                    + "write the Rust variant name, e.g. @ExtensionHandler(\"Ping\")");
        }
        List<ArgumentResolver> resolvers = new ArrayList<>();
        boolean payloadSeen = false;
        for (Parameter parameter : declared.getParameters()) {
            if (parameter.getType() == RequestContext.class) {
                resolvers.add(new ContextArgumentResolver());
                continue;
            }
            if (payloadSeen) {
                throw new IllegalStateException("@ExtensionHandler " + where + " has more than one payload parameter: "
                        + "a variant carries one value, so take one parameter (a record for several fields) "
                        + "and, optionally, a RequestContext");
            }
            resolvers.add(new PayloadArgumentResolver(payloadReader(where, parameter, mapper)));
            payloadSeen = true;
        }
        Class<?> returns = declared.getReturnType();
        if (Future.class.isAssignableFrom(returns) && !CompletionStage.class.isAssignableFrom(returns)) {
            throw new IllegalStateException("@ExtensionHandler " + where + " returns a " + returns.getSimpleName()
                    + ", which cannot be awaited without blocking: return a CompletableFuture instead");
        }
        if (!annotation.wrapResult() && returns == void.class) {
            throw new IllegalStateException("@ExtensionHandler " + where + " has wrapResult = false but returns "
                    + "void: an unwrapped reply is the returned value, so return one (or keep wrapResult = true)");
        }
        ValueWriter resultWriter;
        try {
            resultWriter = mapper.writer(resultType(declared), declared.getAnnotation(RustType.class),
                    "the value " + where + " returns");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("@ExtensionHandler " + where + " returns a value that cannot be written: "
                    + e.getMessage(), e);
        }
        invocable.trySetAccessible();
        return new HandlerMethod(annotation.value(), beanName, bean, invocable, declared, List.copyOf(resolvers),
                resultWriter, annotation.wrapResult(), annotation.blocking());
    }

    private static ValueReader payloadReader(String where, Parameter parameter, RustSerdeMapper mapper) {
        try {
            ValueReader reader = mapper.reader(parameter.getParameterizedType(), parameter.getAnnotation(RustType.class),
                    "the parameter of " + where);
            if (!mapper.canRead(reader.type())) {
                throw new IllegalArgumentException("Jackson has no deserializer for it");
            }
            return reader;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("@ExtensionHandler " + where + " takes a "
                    + parameter.getParameterizedType().getTypeName() + ", which cannot be bound from MessagePack ("
                    + e.getMessage() + "): use a record, a POJO, a collection, a map, a scalar, byte[] or "
                    + "RawMsgpack", e);
        }
    }

    /** The type of the value the method answers with: a {@code CompletableFuture}'s result type for one. */
    public Type resultType() {
        return resultType(declared);
    }

    private static Type resultType(Method method) {
        Type returned = method.getGenericReturnType();
        if (returned instanceof ParameterizedType future
                && CompletionStage.class.isAssignableFrom(method.getReturnType())) {
            return future.getActualTypeArguments()[0];
        }
        return CompletionStage.class.isAssignableFrom(method.getReturnType()) ? Object.class : returned;
    }

    /**
     * The reply's blob: what the method returned, encoded as its declaration says (a {@link RustType} on the method
     * applies), inside {@code {"Ok": ...}} unless {@code wrapResult} is false; written in one array where it can be.
     */
    byte[] writeReply(Object returned) throws PayloadException {
        return wrapResult ? resultWriter.writeAfter(OK_PREFIX, returned) : resultWriter.write(returned);
    }

    /**
     * Calls the method. The returned future completes with the method's result (or its future's result) or
     * exceptionally with what it threw; a binding failure completes it with a {@link PayloadException}.
     */
    CompletableFuture<Object> invoke(RequestContext context, RustEnumValue request) {
        try {
            Object[] arguments = new Object[resolvers.size()];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = resolvers.get(i).resolve(context, request);
            }
            Object result = method.invoke(bean, arguments);
            if (result instanceof CompletionStage<?> stage) {
                return stage.toCompletableFuture().thenApply(value -> value);
            }
            return CompletableFuture.completedFuture(result);
        } catch (InvocationTargetException e) {
            return CompletableFuture.failedFuture(e.getCause());
        } catch (PayloadException | IllegalAccessException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public String variant() {
        return variant;
    }

    /** Whether the returned value is wrapped as {@code {"Ok": value}}. */
    public boolean wrapResult() {
        return wrapResult;
    }

    /** Whether it runs on the handler executor ({@code true}) or on the connection's I/O thread. */
    public boolean blocking() {
        return blocking;
    }

    /** Whether the payload parameter is a {@code byte[]}, so that a {@code Vec<u8>} value is best decoded at once. */
    boolean bindsBytes() {
        return bindsBytes;
    }

    /** The name of the bean the method belongs to. */
    public String beanName() {
        return beanName;
    }

    /** The method's name and parameter types, e.g. {@code add(Add)}, as the info endpoint lists it. */
    public String methodSignature() {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** The method as declared on the user class: where the generic types and annotations are. */
    public Method declaredMethod() {
        return declared;
    }

    /** The parameter bound from the variant's value, if the method takes one. */
    public Optional<Parameter> payloadParameter() {
        return Arrays.stream(declared.getParameters()).filter(p -> p.getType() != RequestContext.class).findFirst();
    }

    /** {@code beanName#method}, as logs and the inventory show it. */
    public String description() {
        return beanName + "#" + method.getName();
    }

    @Override
    public String toString() {
        return variant + " -> " + description();
    }
}
