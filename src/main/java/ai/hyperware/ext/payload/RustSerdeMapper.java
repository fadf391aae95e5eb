package ai.hyperware.ext.payload;

import java.io.IOException;
import java.lang.reflect.Type;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * Maps Java values to and from MessagePack the way Rust's serde and {@code rmp_serde} read and write it.
 *
 * <ul>
 *   <li>records and POJOs from a named map or a positional array; written as a named map
 *       ({@code to_vec_named}), with Java's camelCase names written in Rust's snake_case
 *       ({@code packageId} is {@code package_id}; {@code @JsonProperty} overrides);</li>
 *   <li>{@code byte[]} read from an int array or {@code bin}, written as an int array ({@code Vec<u8>});</li>
 *   <li>{@code long} read from the whole {@code u64} range; {@link java.math.BigInteger} for values that must be
 *       written as {@code u64} above 2^63;</li>
 *   <li>{@code Optional} and {@code null} as {@code Option} ({@code nil}); unknown fields ignored, as serde does;
 *       Java enums as unit variants (their name as a string).</li>
 * </ul>
 *
 * <p>This mapper is private to the payload code on purpose: it is Jackson 2 with MessagePack, and must not replace
 * the application's JSON mapper.
 */
public final class RustSerdeMapper {

    /** Renders trees read from MessagePack as JSON, for {@link #render}. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectMapper mapper;

    public RustSerdeMapper() {
        SimpleModule rust = new SimpleModule("rust-serde");
        rust.addSerializer(byte[].class, new ByteArrayAsIntsSerializer());
        rust.addDeserializer(byte[].class, new ByteArrayDeserializer());
        rust.addDeserializer(long.class, new UnsignedLongDeserializer(long.class));
        rust.addDeserializer(Long.class, new UnsignedLongDeserializer(Long.class));
        rust.setDeserializerModifier(new PositionalOrNamedDeserializer.Modifier());
        this.mapper = new ObjectMapper(new MessagePackFactory())
                .registerModule(new Jdk8Module())
                .registerModule(rust)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** The Jackson type for a Java type, e.g. a handler parameter's generic type. */
    public JavaType typeOf(Type type) {
        return mapper.getTypeFactory().constructType(type);
    }

    /** Whether values of {@code type} can be bound at all; checked once per handler at start-up. */
    @SuppressWarnings("deprecation") // the replacement needs a DeserializationContext we do not have here
    public boolean canRead(JavaType type) {
        return type.getRawClass() == RawMsgpack.class || mapper.canDeserialize(type);
    }

    /** Binds one encoded value to {@code type}. */
    public Object read(byte[] encoded, JavaType type) throws PayloadException {
        if (type.getRawClass() == byte[].class) {
            byte[] fast = VecU8.decode(encoded);
            if (fast != null) {
                return fast;
            }
        }
        try {
            return mapper.readValue(encoded, type);
        } catch (IOException | RuntimeException e) {
            throw new PayloadException("cannot read " + type.getTypeName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** Binds one encoded value to {@code type}. */
    @SuppressWarnings("unchecked") // Class.cast refuses primitives (long.class cannot cast a Long); the value is right
    public <T> T read(byte[] encoded, Class<T> type) throws PayloadException {
        return (T) read(encoded, typeOf(type));
    }

    /** Encodes a value; a {@link RawMsgpack} is passed through as it is. */
    public byte[] write(Object value) throws PayloadException {
        if (value instanceof RawMsgpack raw) {
            return raw.bytes();
        }
        if (value instanceof byte[] bytes) {
            return VecU8.encode(bytes);
        }
        try {
            byte[] encoded = mapper.writeValueAsBytes(value);
            return VecU8Splice.mayContain(encoded) ? VecU8Splice.expand(encoded) : encoded;
        } catch (IOException | RuntimeException e) {
            throw new PayloadException("cannot write " + value.getClass().getName() + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** A JSON-like rendering of a MessagePack value, for logs and the demo. Never throws. */
    public String render(byte[] encoded) {
        try {
            return JSON.writeValueAsString(mapper.readTree(encoded));
        } catch (IOException | RuntimeException e) {
            return "<" + encoded.length + " bytes, not MessagePack>";
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
