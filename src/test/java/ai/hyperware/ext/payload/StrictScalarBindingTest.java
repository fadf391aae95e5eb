package ai.hyperware.ext.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;

/**
 * Every scalar type a handler can take, fed every kind of MessagePack scalar, in every place a value can be: the
 * whole payload, a record field (named and positional), a list, an array, a map value and an {@code Optional}. What
 * fits is bound to the same value; what serde would refuse is refused with serde's words, never narrowed, rounded or
 * coerced ({@code 4000000000} for an {@code int} used to arrive as {@code -294967296}, {@code 1.5} as {@code 1}).
 */
class StrictScalarBindingTest {

    private static final RustSerdeMapper MAPPER = new RustSerdeMapper();
    private static final TypeFactory TYPES = TypeFactory.defaultInstance();
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /** One MessagePack value: how to write it, and how a test names it. */
    record Input(String name, Packing packing) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Packing {
        void pack(MessageBufferPacker out) throws IOException;
    }

    /** A Java type and what each input should become: the value, or a fragment of the refusal. */
    record Expectation(Class<?> boxed, Class<?> primitive, Function<Input, Object> outcome) {
    }

    /** What a refusal must say: each fragment, in this order. */
    record Refused(String... fragments) {
        @Override
        public String toString() {
            return "refused: " + String.join(" ... ", fragments);
        }
    }

    private static Refused wrongType(Input input, String rust) {
        return new Refused("invalid type: " + serdeName(input), "expected " + rust);
    }

    // ---- inputs ----

    private static Input integer(long value) {
        return new Input("integer " + value, out -> out.packLong(value));
    }

    private static Input integer(BigInteger value) {
        return new Input("integer " + value, out -> out.packBigInteger(value));
    }

    private static final List<Input> INPUTS = List.of(
            integer(0), integer(-1), integer(127), integer(128), integer(-128), integer(-129), integer(255),
            integer(256), integer(32767), integer(32768), integer(-32768), integer(-32769), integer(65535),
            integer(65536), integer(Integer.MAX_VALUE), integer(Integer.MIN_VALUE), integer(1L << 31),
            integer(-(1L << 31) - 1), integer(4_000_000_000L), integer(1L << 32), integer((1L << 24) + 1),
            integer((1L << 53) + 1), integer(Long.MAX_VALUE), integer(Long.MIN_VALUE), integer(BigInteger.ONE.shiftLeft(63)),
            integer(TWO_TO_64.subtract(BigInteger.ONE)),
            new Input("f32 1.5", out -> out.packFloat(1.5f)),
            new Input("f64 1.5", out -> out.packDouble(1.5)),
            new Input("f64 2.0", out -> out.packDouble(2.0)),
            new Input("f64 0.1", out -> out.packDouble(0.1)),
            new Input("string \"12\"", out -> out.packString("12")),
            new Input("string \"a\"", out -> out.packString("a")),
            new Input("string \"é\"", out -> out.packString("é")),
            new Input("string \"ab\"", out -> out.packString("ab")),
            new Input("string \"\"", out -> out.packString("")),
            new Input("string of an emoji", out -> out.packString("\uD83D\uDE00")),
            new Input("bin of UTF-8 \"hi\"", out -> out.packBinaryHeader(2).writePayload(new byte[] {'h', 'i'})),
            new Input("bin that is not UTF-8", out -> out.packBinaryHeader(1).writePayload(new byte[] {(byte) 0xff})),
            new Input("true", out -> out.packBoolean(true)),
            new Input("false", out -> out.packBoolean(false)),
            new Input("nil", MessageBufferPacker::packNil),
            new Input("empty array", out -> out.packArrayHeader(0)),
            new Input("empty map", out -> out.packMapHeader(0)));

    // ---- what each type makes of them ----

    /** An integer type of range [min, max]: an integer in range is that number; anything else is refused. */
    private static Function<Input, Object> integers(String rust, BigInteger min, BigInteger max,
            Function<BigInteger, Object> convert) {
        return input -> {
            BigInteger value = integerOf(input);
            if (value == null) {
                return wrongType(input, rust);
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                return new Refused("invalid value: integer `" + value + "`, expected " + rust);
            }
            return convert.apply(value);
        };
    }

    private static Function<Input, Object> floats(String rust, boolean single) {
        return input -> {
            BigInteger integer = integerOf(input);
            if (integer != null) {
                double asDouble = single ? integer.floatValue() : integer.doubleValue();
                boolean exact = new java.math.BigDecimal(asDouble).compareTo(new java.math.BigDecimal(integer)) == 0;
                return exact ? (single ? (Object) (float) asDouble : (Object) asDouble)
                        : new Refused("is not exactly an " + rust);
            }
            return switch (input.name()) {
                case "f32 1.5", "f64 1.5" -> single ? (Object) 1.5f : (Object) 1.5;
                case "f64 2.0" -> single ? (Object) 2.0f : (Object) 2.0;
                case "f64 0.1" -> single ? new Refused("is not exactly an f32") : (Object) 0.1;
                default -> wrongType(input, rust);
            };
        };
    }

    private static Object bool(Input input) {
        return switch (input.name()) {
            case "true" -> true;
            case "false" -> false;
            default -> wrongType(input, "bool");
        };
    }

    private static Object character(Input input) {
        return switch (input.name()) {
            case "string \"12\"", "string \"ab\"" -> new Refused("invalid value: string of 2 characters, expected char");
            case "string \"\"" -> new Refused("invalid value: string of 0 characters, expected char");
            case "string \"a\"" -> 'a';
            case "string \"é\"" -> 'é';
            case "string of an emoji" -> new Refused("a char beyond U+FFFF");
            default -> wrongType(input, "char");
        };
    }

    private static Object string(Input input) {
        return switch (input.name()) {
            case "string \"12\"" -> "12";
            case "string \"a\"" -> "a";
            case "string \"é\"" -> "é";
            case "string \"ab\"" -> "ab";
            case "string \"\"" -> "";
            case "string of an emoji" -> "\uD83D\uDE00";
            case "bin of UTF-8 \"hi\"" -> "hi";
            case "bin that is not UTF-8" -> new Refused("bytes that are not UTF-8");
            default -> wrongType(input, "String");
        };
    }

    private static final List<Expectation> TYPES_UNDER_TEST = List.of(
            new Expectation(Byte.class, byte.class, integers("i8", big(Byte.MIN_VALUE), big(Byte.MAX_VALUE),
                    BigInteger::byteValue)),
            new Expectation(Short.class, short.class, integers("i16", big(Short.MIN_VALUE), big(Short.MAX_VALUE),
                    BigInteger::shortValue)),
            new Expectation(Integer.class, int.class, integers("i32", big(Integer.MIN_VALUE),
                    big(Integer.MAX_VALUE), BigInteger::intValue)),
            new Expectation(Long.class, long.class, integers("i64", big(Long.MIN_VALUE), big(Long.MAX_VALUE),
                    BigInteger::longValue)),
            new Expectation(BigInteger.class, null, integers("u64", BigInteger.ZERO,
                    TWO_TO_64.subtract(BigInteger.ONE), value -> value)),
            new Expectation(Float.class, float.class, floats("f32", true)),
            new Expectation(Double.class, double.class, floats("f64", false)),
            new Expectation(Boolean.class, boolean.class, StrictScalarBindingTest::bool),
            new Expectation(Character.class, char.class, StrictScalarBindingTest::character),
            new Expectation(String.class, null, StrictScalarBindingTest::string));

    // ---- the places a value can be ----

    /** A record with one field of any boxed type. */
    public record Field<T>(T value) {
    }

    public record ByteField(byte value) {
    }

    public record ShortField(short value) {
    }

    public record IntField(int value) {
    }

    public record LongField(long value) {
    }

    public record FloatField(float value) {
    }

    public record DoubleField(double value) {
    }

    public record BooleanField(boolean value) {
    }

    public record CharField(char value) {
    }

    private static final Map<Class<?>, Class<?>> PRIMITIVE_FIELDS = Map.of(byte.class, ByteField.class,
            short.class, ShortField.class, int.class, IntField.class, long.class, LongField.class,
            float.class, FloatField.class, double.class, DoubleField.class, boolean.class, BooleanField.class,
            char.class, CharField.class);

    /** Where the value sits: the type to bind, the bytes around it, and how to take it out again. */
    record Place(String name, JavaType type, Wrapping wrapping, Function<Object, Object> extract) {
    }

    @FunctionalInterface
    interface Wrapping {
        void wrap(MessageBufferPacker out, Packing value) throws IOException;
    }

    private static List<Place> places(Class<?> boxed, Class<?> primitive) {
        List<Place> places = new ArrayList<>();
        for (Class<?> type : primitive == null ? List.<Class<?>>of(boxed) : List.<Class<?>>of(primitive, boxed)) {
            String name = type.getSimpleName();
            places.add(new Place(name, TYPES.constructType(type), (out, v) -> v.pack(out), value -> value));
            if (type == byte.class) {
                continue; // byte[] is a Vec<u8>, not a Vec<i8>: RustSerdeBindingTest and VecU8Test
            }
            places.add(new Place(name + "[]", TYPES.constructArrayType(type), (out, v) -> {
                out.packArrayHeader(1);
                v.pack(out);
            }, array -> Array.get(array, 0)));
        }
        Class<?> record = primitive == null ? Field.class : PRIMITIVE_FIELDS.get(primitive);
        JavaType recordType = primitive == null ? TYPES.constructParametricType(Field.class, boxed)
                : TYPES.constructType(record);
        Function<Object, Object> field = value -> value instanceof Field<?> f ? f.value() : componentValue(value);
        places.add(new Place(record.getSimpleName() + " (named)", recordType, (out, v) -> {
            out.packMapHeader(1).packString("value");
            v.pack(out);
        }, field));
        places.add(new Place(record.getSimpleName() + " (positional)", recordType, (out, v) -> {
            out.packArrayHeader(1);
            v.pack(out);
        }, field));
        places.add(new Place("List<" + boxed.getSimpleName() + ">", TYPES.constructCollectionType(List.class, boxed),
                (out, v) -> {
                    out.packArrayHeader(1);
                    v.pack(out);
                }, list -> ((List<?>) list).get(0)));
        places.add(new Place("Map<String, " + boxed.getSimpleName() + ">",
                TYPES.constructMapType(Map.class, String.class, boxed), (out, v) -> {
                    out.packMapHeader(1).packString("k");
                    v.pack(out);
                }, map -> ((Map<?, ?>) map).get("k")));
        places.add(new Place("Optional<" + boxed.getSimpleName() + ">",
                TYPES.constructReferenceType(Optional.class, TYPES.constructType(boxed)), (out, v) -> v.pack(out),
                optional -> ((Optional<?>) optional).orElseThrow()));
        return places;
    }

    private static Object componentValue(Object record) {
        try {
            return record.getClass().getRecordComponents()[0].getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Object[]> places() {
        List<Object[]> cases = new ArrayList<>();
        for (Expectation expectation : TYPES_UNDER_TEST) {
            for (Place place : places(expectation.boxed(), expectation.primitive())) {
                cases.add(new Object[] {place.name(), place, expectation});
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("places")
    void everyScalarInputIsBoundExactlyOrRefusedAsSerdeRefusesIt(String where, Place place, Expectation expectation)
            throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (Input input : INPUTS) {
            if (input.name().equals("nil") && place.name().startsWith("Optional")) {
                continue; // nil is an empty Optional: optionalsTakeNilAsEmpty
            }
            MessageBufferPacker out = MessagePack.newDefaultBufferPacker();
            place.wrapping().wrap(out, input.packing());
            byte[] encoded = out.toByteArray();
            Object expected = expectation.outcome().apply(input);
            if (expected instanceof Refused refused) {
                softly.assertThatThrownBy(() -> MAPPER.read(encoded, place.type()))
                        .as("%s from %s", where, input)
                        .isInstanceOf(PayloadException.class)
                        .hasMessageContainingAll(refused.fragments());
            } else {
                try {
                    softly.assertThat(place.extract().apply(MAPPER.read(encoded, place.type())))
                            .as("%s from %s", where, input).isEqualTo(expected);
                } catch (PayloadException e) {
                    softly.fail("%s from %s was refused, expected %s: %s", where, input, expected, e.getMessage());
                }
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest(name = "Optional<{0}> <- nil")
    @MethodSource("boxedTypes")
    void optionalsTakeNilAsEmpty(Class<?> boxed) throws Exception {
        JavaType optional = TYPES.constructReferenceType(Optional.class, TYPES.constructType(boxed));
        assertThat(MAPPER.read(new byte[] {(byte) 0xc0}, optional)).isEqualTo(Optional.empty());
    }

    static Stream<Class<?>> boxedTypes() {
        return TYPES_UNDER_TEST.stream().map(Expectation::boxed);
    }

    // ---- helpers ----

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    private static BigInteger integerOf(Input input) {
        return input.name().startsWith("integer ") ? new BigInteger(input.name().substring(8)) : null;
    }

    /** How serde (and so the refusal) names an input that is the wrong kind of value. */
    private static String serdeName(Input input) {
        String name = input.name();
        if (name.startsWith("f32") || name.startsWith("f64")) {
            return "floating point";
        }
        if (name.startsWith("string")) {
            return "string";
        }
        if (name.startsWith("bin")) {
            return "bytes";
        }
        if (name.startsWith("integer")) {
            return "integer";
        }
        return switch (name) {
            case "true", "false" -> "boolean";
            case "empty array" -> "sequence";
            case "empty map" -> "map";
            default -> name;
        };
    }

}
