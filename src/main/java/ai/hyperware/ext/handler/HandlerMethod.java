package ai.hyperware.ext.handler;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JavaType;

import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;

/**
 * One {@link ExtensionHandler} method, checked once at start-up and ready to call: its argument resolvers are chosen
 * up front, so a request costs a lookup and a reflective call.
 */
public final class HandlerMethod {

    private final String variant;
    private final String beanName;
    private final Object bean;
    private final Method method;
    private final List<ArgumentResolver> resolvers;
    private final boolean wrapResult;
    private final boolean blocking;

    private HandlerMethod(String variant, String beanName, Object bean, Method method,
            List<ArgumentResolver> resolvers, boolean wrapResult, boolean blocking) {
        this.variant = variant;
        this.beanName = beanName;
        this.bean = bean;
        this.method = method;
        this.resolvers = resolvers;
        this.wrapResult = wrapResult;
        this.blocking = blocking;
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
            JavaType type = mapper.typeOf(parameter.getParameterizedType());
            if (!mapper.canRead(type)) {
                throw new IllegalStateException("@ExtensionHandler " + where + " takes a " + type.getTypeName()
                        + ", which cannot be bound from MessagePack: use a record, a POJO, a collection, a map, "
                        + "a scalar, byte[] or RawMsgpack");
            }
            resolvers.add(new PayloadArgumentResolver(mapper, type));
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
        invocable.trySetAccessible();
        return new HandlerMethod(annotation.value(), beanName, bean, invocable, List.copyOf(resolvers),
                annotation.wrapResult(), annotation.blocking());
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

    /** The name of the bean the method belongs to. */
    public String beanName() {
        return beanName;
    }

    /** The method's name and parameter types, e.g. {@code add(Add)}, as the info endpoint lists it. */
    public String methodSignature() {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
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
