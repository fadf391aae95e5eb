package ai.hyperware.ext.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as the handler of one variant of the interface process's request enum.
 *
 * <p>The request blob is a Rust enum as {@code rmp_serde} writes it: {@code "Ping"} for a unit variant,
 * {@code {"Add": {...}}} for any other. The method may take one payload parameter, bound from the variant's value
 * (a record, a POJO, {@code byte[]}, {@code long}, {@code BigInteger}, {@code String}, {@code Optional}, a
 * collection or map, or {@link ai.hyperware.ext.payload.RawMsgpack} for the untouched bytes), and a
 * {@link RequestContext}. It may return a value, {@code void}, or a {@code CompletableFuture}. A value that does not
 * fit the parameter's type is answered with an {@code Err}, as serde would refuse it; a Rust unsigned integer is a
 * Java integer marked with {@link ai.hyperware.ext.payload.RustType} ({@code @RustType(U32) long}).
 *
 * <pre>{@code
 * @Component
 * class Calculator {
 *     record Add(long a, long b) {}
 *
 *     @ExtensionHandler("Add")          // {"Add": {"a": 2, "b": 3}} or {"Add": [2, 3]}
 *     long add(Add request) {           // replies {"Ok": 5}
 *         return request.a() + request.b();
 *     }
 * }
 * }</pre>
 *
 * <p>By default the reply is shaped like Rust's {@code Result<T, String>}: {@code {"Ok": value}}, or
 * {@code {"Err": "message"}} when the method throws, times out or cannot be called with the payload.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ExtensionHandler {

    /** The variant name this method handles, exactly as the Rust enum names it (e.g. {@code "RunScript"}). */
    String value();

    /**
     * Whether to wrap the returned value as {@code {"Ok": value}}. With {@code false} the returned value is the
     * whole reply blob, for processes that do not read a {@code Result}; failures are still answered with
     * {@code {"Err": "message"}}, so that no requester waits out its timeout.
     */
    boolean wrapResult() default true;

    /**
     * Whether the method may block: wait on I/O, a lock, another service, or compute for long. {@code true}, the
     * default, runs it on the handler executor ({@code handler-threads}).
     *
     * <p>{@code false} runs it on the connection's I/O thread, the moment its request is read, and its reply leaves with
     * the others of that read in one write: no thread hand-off, the fastest path there is. It is for methods that only
     * compute briefly from their argument (well under a millisecond), like the built-in {@code Ping} and {@code Echo}.
     * <b>Never block in a non-blocking handler</b>: while it runs, nothing is read from the node and nothing is
     * written to it. A non-blocking handler that runs past {@value RequestDispatcher#INLINE_WARN_MILLIS} ms is logged
     * once, with its name; one that holds the I/O thread for {@code limits.send-timeout} has its connection aborted and
     * re-established on a new thread.
     *
     * <pre>{@code
     * @ExtensionHandler(value = "Get", blocking = false)   // a map lookup: safe on the I/O thread
     * String get(String key) { return cache.getOrDefault(key, ""); }
     * }</pre>
     */
    boolean blocking() default true;
}
