package ai.hyperware.ext.payload;

import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import org.msgpack.jackson.dataformat.MessagePackFactory;
import org.msgpack.jackson.dataformat.MessagePackKeySerializer;

/**
 * Maps Java values to and from MessagePack the way Rust's serde and {@code rmp_serde} read and write it, and fails
 * where serde fails.
 *
 * <ul>
 *   <li>records and POJOs from a named map or a positional array; written as a named map
 *       ({@code to_vec_named}), with Java's camelCase names written in Rust's snake_case
 *       ({@code packageId} is {@code package_id}; {@code @JsonProperty} overrides); a record missing a field that is
 *       not an {@code Optional} is refused;</li>
 *   <li>{@code byte[]} read from an int array or {@code bin}, written as an int array ({@code Vec<u8>});</li>
 *   <li>every integer type read only from an integer in the range of the Rust type it stands for: its own width,
 *       or the {@link RustType} on its declaration ({@code @RustType(U64) long} for the whole {@code u64} range);
 *       {@code BigInteger} is a {@code u64}; floats, strings, booleans and nil are refused for integers, and each of
 *       those for the others, as serde refuses them;</li>
 *   <li>{@code Optional} and {@code null} as {@code Option} ({@code nil}); unknown fields ignored, as serde does;
 *       Java enums as unit variants (their name as a string, never their index).</li>
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
        this.mapper = JsonMapper.builder(new MessagePackFactory())
                .addModule(new Jdk8Module())
                .addModule(rustSerde())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    private static SimpleModule rustSerde() {
        SimpleModule rust = new SimpleModule("rust-serde");
        rust.addSerializer(byte[].class, new ByteArrayAsIntsSerializer());
        rust.addDeserializer(byte[].class, new ByteArrayDeserializer());
        for (Class<?> integer : new Class<?>[] {byte.class, Byte.class, short.class, Short.class, int.class,
                Integer.class, long.class, Long.class, BigInteger.class}) {
            add(rust, integer, new IntegerDeserializer(integer), new IntegerSerializer(integer));
        }
        // Map keys: Jackson writes every key as a string; serde reads a HashMap<u64, _> or HashMap<bool, _> only from
        // integer or boolean keys, so those are written as what they are.
        for (Class<?> key : new Class<?>[] {Byte.class, Short.class, Integer.class, Long.class, BigInteger.class,
                Boolean.class}) {
            rust.addKeySerializer(key, new MessagePackKeySerializer());
        }
        for (Class<?> bool : new Class<?>[] {boolean.class, Boolean.class}) {
            add(rust, bool, new BooleanDeserializer(bool), null);
        }
        for (Class<?> floating : new Class<?>[] {float.class, Float.class, double.class, Double.class}) {
            add(rust, floating, new FloatDeserializer(floating), null);
        }
        add(rust, char.class, new CharDeserializer(char.class), null);
        add(rust, Character.class, new CharDeserializer(Character.class), null);
        add(rust, String.class, new StringDeserializer(), null);
        for (Class<?> array : new Class<?>[] {short[].class, int[].class, long[].class, float[].class,
                double[].class, boolean[].class, char[].class}) {
            add(rust, array, new PrimitiveArrayDeserializer(array), new PrimitiveArraySerializer(array, null));
        }
        for (Class<?> optional : new Class<?>[] {OptionalInt.class, OptionalLong.class, OptionalDouble.class}) {
            add(rust, optional, new PrimitiveOptionalDeserializer(optional), null);
        }
        add(rust, AnnotatedRoot.class, new AnnotatedRoot.Deserializer(), null);
        rust.addSerializer(AnnotatedRoot.Value.class, new AnnotatedRoot.Serializer());
        rust.setDeserializerModifier(new PositionalOrNamedDeserializer.Modifier());
        return rust;
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // one (de)serializer serves a primitive and its box
    private static void add(SimpleModule module, Class type, JsonDeserializer deserializer,
            JsonSerializer serializer) {
        module.addDeserializer(type, deserializer);
        if (serializer != null) {
            module.addSerializer(type, serializer);
        }
    }

    /** The Jackson type for a Java type, e.g. a handler parameter's generic type. */
    public JavaType typeOf(Type type) {
        return mapper.getTypeFactory().constructType(type);
    }

    /** Whether values of {@code type} can be bound at all. {@link #reader} says why not. */
    @SuppressWarnings("deprecation") // the replacement needs a DeserializationContext we do not have here
    public boolean canRead(JavaType type) {
        return type.getRawClass() == RawMsgpack.class || mapper.canDeserialize(type);
    }

    /**
     * Prepares reading values declared as {@code type}, with the {@link RustType} on the declaration (or null),
     * building and checking every deserializer it needs now, so that a misfit stops the start-up.
     *
     * @param where names the declaration in errors, e.g. {@code the parameter of calculator#add}
     * @throws IllegalArgumentException saying what cannot be bound and the fix
     */
    public ValueReader reader(Type type, RustType declared, String where) {
        JavaType javaType = typeOf(type);
        if (javaType.getRawClass() == RawMsgpack.class) {
            return new ValueReader(this, javaType, null);
        }
        try {
            DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                    .createInstance(mapper.getDeserializationConfig(), null, null);
            if (declared == null) {
                context.findRootValueDeserializer(javaType);
                return new ValueReader(this, javaType, mapper.readerFor(javaType));
            }
            JsonDeserializer<Object> contextual = context.findContextualValueDeserializer(javaType,
                    new AnnotatedRoot.Property(javaType, declared, where));
            return new ValueReader(this, javaType,
                    mapper.readerFor(AnnotatedRoot.class).withAttribute(AnnotatedRoot.class, contextual));
        } catch (DatabindException e) {
            throw new IllegalArgumentException(((JsonMappingException) e).getOriginalMessage(), e);
        }
    }

    /**
     * Prepares writing values declared as {@code type} with the {@link RustType} on the declaration (or null).
     *
     * @throws IllegalArgumentException saying what cannot be written and the fix
     */
    public ValueWriter writer(Type type, RustType declared, String where) {
        if (declared == null) {
            return new ValueWriter() {
                @Override
                public byte[] write(Object value) throws PayloadException {
                    return RustSerdeMapper.this.write(value);
                }

                @Override
                public byte[] writeAfter(byte[] prefix, Object value) throws PayloadException {
                    if (value instanceof byte[] bytes) {
                        return VecU8.encodeAfter(prefix, bytes); // the largest replies: not copied once encoded
                    }
                    return ValueWriter.super.writeAfter(prefix, value);
                }
            };
        }
        JavaType javaType = typeOf(type);
        try {
            JsonSerializer<Object> contextual = mapper.getSerializerProviderInstance().findValueSerializer(javaType,
                    new AnnotatedRoot.Property(javaType, declared, where));
            return value -> write(value == null ? null : new AnnotatedRoot.Value(value, contextual));
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /** The Jackson mapper's view of a type's structure, for the contract generator. */
    public StructFields structFields(JavaType type) {
        return StructFields.of(mapper.getDeserializationConfig().introspect(type));
    }

    /** How values of a Java enum are written: the unit variant names, in declaration order. */
    public java.util.List<String> variantNames(Class<? extends Enum<?>> type) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Enum<?> constant : type.getEnumConstants()) {
            try {
                names.add(mapper.readValue(mapper.writeValueAsBytes(constant), String.class));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write " + constant + ": " + e.getMessage(), e);
            }
        }
        return names;
    }

    /** Binds one encoded value to {@code type}. */
    public Object read(byte[] encoded, JavaType type) throws PayloadException {
        return read(encoded, type, mapper.readerFor(type));
    }

    Object read(byte[] encoded, JavaType type, ObjectReader reader) throws PayloadException {
        if (type.getRawClass() == byte[].class) {
            byte[] fast = VecU8.decode(encoded);
            if (fast != null) {
                return fast;
            }
        }
        try {
            return reader.readValue(encoded);
        } catch (IOException | RuntimeException e) {
            throw new PayloadException("cannot read " + typeName(type) + ": " + describe(e), e);
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
            Object shown = value instanceof AnnotatedRoot.Value annotated ? annotated.value() : value;
            throw new PayloadException("cannot write " + shown.getClass().getName() + ": " + describe(e), e);
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

    /** {@code List<Long>}, {@code RunScript}: short enough for an {@code Err} a Rust developer reads. */
    static String typeName(JavaType type) {
        String name = type.getRawClass().getSimpleName();
        if (type.isArrayType() || type.containedTypeCount() == 0) {
            return name;
        }
        StringBuilder generic = new StringBuilder(name).append('<');
        for (int i = 0; i < type.containedTypeCount(); i++) {
            generic.append(i == 0 ? "" : ", ").append(typeName(type.containedType(i)));
        }
        return generic.append('>').toString();
    }

    /** The problem in one line, with where in the value it was ({@code at args[2]}), never the input's location. */
    private static String describe(Exception e) {
        if (e instanceof JsonMappingException mapping) {
            String where = path(mapping);
            return firstLine(mapping.getOriginalMessage()) + (where.isEmpty() ? "" : " (at " + where + ")");
        }
        return firstLine(e.getMessage());
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
