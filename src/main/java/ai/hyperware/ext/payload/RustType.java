package ai.hyperware.ext.payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says which Rust integer type a Java integer stands for, where the Java type alone cannot: Java has no unsigned
 * types, so a Rust {@code u32} is a Java {@code long} that must refuse {@code -1} and {@code 2^32}.
 *
 * <p>Without it, every Java integer type stands for the Rust type of its own width: {@code byte} is {@code i8},
 * {@code short} {@code i16}, {@code int} {@code i32}, {@code long} {@code i64}, and {@code BigInteger} is
 * {@code u64}. With it, the binding accepts exactly the range of the Rust type named, answers any other value with an
 * {@code Err}, refuses to write a reply that is out of range, and the contract generator writes that Rust type.
 *
 * <pre>{@code
 * import static ai.hyperware.ext.payload.RustInteger.U32;
 * import static ai.hyperware.ext.payload.RustInteger.U64;
 *
 * // Rust: Classify { text: String, top_k: u32, seed: u64 }
 * public record Classify(String text, @RustType(U32) long topK, @RustType(U64) long seed) {}
 *
 * @ExtensionHandler("Count")
 * @RustType(U64)                                 // the reply: Result<u64, String>
 * public long count(@RustType(U16) int limit) {  // the request: Count(u16)
 *     ...
 * }
 * }</pre>
 *
 * <p>It goes on a record component, a field, a handler's payload parameter, or a handler method (for the value it
 * returns). On a list, set, array, {@code Optional} or map it applies to the integers inside (a map's values, not its
 * keys). The Java type must hold every value of the Rust type ({@code u32} needs {@code long}); a misfit stops the
 * start-up, naming the field.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RustType {

    /** The Rust integer type, e.g. {@code U32}. */
    RustInteger value();
}
