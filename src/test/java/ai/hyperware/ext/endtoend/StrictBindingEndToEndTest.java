package ai.hyperware.ext.endtoend;

import static ai.hyperware.ext.payload.RustInteger.U32;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.contract.ContractFixtureHandlers;
import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustType;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;
import ai.hyperware.ext.support.SimulatedNode;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.MessageType;

/**
 * Through the real application and a real WebSocket: every binding serde would refuse is answered with an
 * {@code Err} carrying the request's id (ids at and above 2^63 included), in serde's words, and the handler is never
 * called with a narrowed, rounded or coerced value.
 */
@SpringBootTest(classes = {ExtensionApplication.class, ContractFixtureHandlers.Registration.class,
        StrictBindingEndToEndTest.Handlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StrictBindingEndToEndTest {

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder());
    private static final NodeSimulator node = simulated.simulator();
    private static final Random IDS = new Random(0x5eed_0008_0005L);

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry);
    }

    /** With the contract fixture's handlers (Widths, Scalars, U32, Big, Text...), which answer what they are given. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Handlers {
        @Bean
        Narrow narrowHandlers() {
            return new Narrow();
        }
    }

    /** The plain Java types at the top of a payload, where a process most often sends a wider value. */
    public static class Narrow {
        @ExtensionHandler("Int")
        public int integer(int value) {
            return value;
        }

        @ExtensionHandler("Ints")
        public List<Integer> ints(List<Integer> value) {
            return value;
        }

        @ExtensionHandler("Table")
        public Map<String, Integer> table(Map<String, Integer> value) {
            return value;
        }

        @ExtensionHandler("MaybeInt")
        public Optional<Integer> maybeInt(Optional<Integer> value) {
            return value;
        }

        /** Claims to answer a u32 but computes one out of range: the reply must become an Err. */
        @ExtensionHandler("U32Minus")
        @RustType(U32)
        public long u32Minus(@RustType(U32) long value) {
            return value - 1;
        }
    }

    @FunctionalInterface
    interface Value {
        void pack(MessageBufferPacker out) throws IOException;
    }

    /** {@code Widths} as rmp_serde::to_vec writes it, field {@code field} replaced by {@code replacement}. */
    private static Value widths(int field, Value replacement) {
        return record(field, replacement, out -> out.packInt(-128), out -> out.packShort((short) -32768),
                out -> out.packInt(Integer.MIN_VALUE), out -> out.packLong(Long.MIN_VALUE), out -> out.packInt(255),
                out -> out.packInt(65535), out -> out.packLong(4_000_000_000L),
                out -> out.packBigInteger(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
                out -> out.packBigInteger(BigInteger.ONE.shiftLeft(63)), out -> out.packLong(Long.MIN_VALUE));
    }

    /** {@code Scalars} (flag, letter, text, single, twice, then their boxes), field {@code field} replaced. */
    private static Value scalars(int field, Value replacement) {
        Value[] scalars = {out -> out.packBoolean(true), out -> out.packString("é"), out -> out.packString("text"),
            out -> out.packFloat(1.5f), out -> out.packDouble(-2.25e300)};
        Value[] boxes = {out -> out.packBoolean(false), out -> out.packString("a"), out -> out.packInt(-1),
            out -> out.packInt(-2), out -> out.packInt(-3), out -> out.packInt(-4), out -> out.packFloat(0.5f),
            out -> out.packDouble(0.25)};
        return record(field, replacement, java.util.stream.Stream.concat(java.util.Arrays.stream(scalars),
                java.util.Arrays.stream(boxes)).toArray(Value[]::new));
    }

    private static Value record(int field, Value replacement, Value... fields) {
        return out -> {
            out.packArrayHeader(fields.length);
            for (int i = 0; i < fields.length; i++) {
                (i == field ? replacement : fields[i]).pack(out);
            }
        };
    }

    static Stream<Arguments> wrongTypes() {
        Value tooBigForI32 = out -> out.packLong(4_000_000_000L);
        Value onePointFive = out -> out.packDouble(1.5);
        Value twelve = out -> out.packString("12");
        return Stream.of(
                Arguments.of("Int", tooBigForI32, "invalid value: integer `4000000000`, expected i32"),
                Arguments.of("Int", onePointFive, "invalid type: floating point `1.5`, expected i32"),
                Arguments.of("Int", twelve, "invalid type: string of 2 characters, expected i32"),
                Arguments.of("Int", (Value) out -> out.packBoolean(true), "invalid type: boolean `true`, expected i32"),
                Arguments.of("Int", (Value) MessageBufferPacker::packNil, "invalid type: nil, expected i32"),
                Arguments.of("U32", (Value) out -> out.packInt(-1), "invalid value: integer `-1`, expected u32"),
                Arguments.of("U32", (Value) out -> out.packLong(1L << 32),
                        "invalid value: integer `4294967296`, expected u32"),
                Arguments.of("Widths", widths(0, out -> out.packInt(128)), "integer `128`, expected i8"),
                Arguments.of("Widths", widths(1, out -> out.packInt(40000)), "integer `40000`, expected i16"),
                Arguments.of("Widths", widths(2, tooBigForI32), "integer `4000000000`, expected i32"),
                Arguments.of("Widths", widths(3, out -> out.packBigInteger(BigInteger.ONE.shiftLeft(63))),
                        "integer `9223372036854775808`, expected i64"),
                Arguments.of("Widths", widths(4, out -> out.packInt(256)), "integer `256`, expected u8"),
                Arguments.of("Widths", widths(5, out -> out.packInt(-1)), "integer `-1`, expected u16"),
                Arguments.of("Widths", widths(6, out -> out.packLong(1L << 32)), "integer `4294967296`, expected u32"),
                Arguments.of("Widths", widths(7, out -> out.packInt(-1)), "integer `-1`, expected u64"),
                Arguments.of("Widths", widths(8, out -> out.packInt(-1)), "integer `-1`, expected u64"),
                Arguments.of("Widths", widths(9, out -> out.packBigInteger(BigInteger.ONE.shiftLeft(63))),
                        "integer `9223372036854775808`, expected i64 (Java BigInteger)"),
                Arguments.of("Scalars", scalars(0, out -> out.packInt(1)), "invalid type: integer `1`, expected bool"),
                Arguments.of("Scalars", scalars(1, out -> out.packString("ab")), "expected char"),
                Arguments.of("Scalars", scalars(2, out -> out.packInt(12)),
                        "invalid type: integer `12`, expected String"),
                Arguments.of("Scalars", scalars(2, MessageBufferPacker::packNil), "invalid type: nil, expected String"),
                Arguments.of("Scalars", scalars(3, out -> out.packDouble(0.1)), "is not exactly an f32"),
                Arguments.of("Scalars", scalars(4, twelve), "invalid type: string of 2 characters, expected f64"),
                Arguments.of("Scalars", scalars(7, out -> out.packInt(300)), "integer `300`, expected i8 (Java Byte)"),
                Arguments.of("Scalars", scalars(9, onePointFive), "floating point `1.5`, expected i32 (Java Integer)"),
                Arguments.of("Ints", (Value) out -> out.packArrayHeader(2).packInt(1).packLong(1L << 40),
                        "integer `1099511627776`, expected i32"),
                Arguments.of("Ints", (Value) out -> out.packArrayHeader(1).packDouble(2.0),
                        "invalid type: floating point `2.0`, expected i32"),
                Arguments.of("Table", (Value) out -> out.packMapHeader(1).packString("k").packString("v"),
                        "invalid type: string of 1 characters, expected i32"),
                Arguments.of("MaybeInt", onePointFive, "invalid type: floating point `1.5`, expected i32"),
                Arguments.of("Text", (Value) out -> out.packInt(7), "invalid type: integer `7`, expected String"),
                Arguments.of("Flag", (Value) out -> out.packInt(0), "invalid type: integer `0`, expected bool"),
                Arguments.of("Letter", (Value) out -> out.packInt(97), "invalid type: integer `97`, expected char"),
                Arguments.of("Real", twelve, "invalid type: string of 2 characters, expected f64"),
                Arguments.of("Single", (Value) out -> out.packDouble(0.1), "is not exactly an f32"),
                Arguments.of("Big", (Value) out -> out.packInt(-5), "invalid value: integer `-5`, expected u64"),
                Arguments.of("Big", onePointFive, "invalid type: floating point `1.5`, expected u64"));
    }

    @ParameterizedTest(name = "{0} <- {2}")
    @MethodSource("wrongTypes")
    void aValueThatDoesNotFitIsAnsweredWithAnErrCarryingTheRequestsId(String variant, Value value, String words)
            throws Exception {
        long id = IDS.nextLong(); // about half at or above 2^63
        SimulatedReply reply = call(id, variant, value);
        assertThat(reply.frame().id()).as("the reply's id").isEqualTo(id);
        assertThat(reply.isErr()).as("%s is an Err", reply.render()).isTrue();
        assertThat(reply.errMessage()).startsWith("cannot decode request: ").contains(words);
    }

    @Test
    void valuesThatFitArriveUnchangedAtTheirWidestAndNarrowest() throws Exception {
        SimulatedReply widths = call(IDS.nextLong(), "Widths", widths(-1, null));
        assertThat(widths.render()).isEqualTo("{\"Ok\":{\"tiny\":-128,\"small\":-32768,\"medium\":-2147483648,"
                + "\"large\":-9223372036854775808,\"ubyte\":255,\"ushort\":65535,\"uint\":4000000000,"
                + "\"ulong\":18446744073709551615,\"big\":9223372036854775808,"
                + "\"signed_big\":-9223372036854775808}}");
        assertThat(call(IDS.nextLong(), "Scalars", scalars(-1, null)).render()).isEqualTo("{\"Ok\":{\"flag\":true,"
                + "\"letter\":\"é\",\"text\":\"text\",\"single\":1.5,\"twice\":-2.25E300,\"boxed_flag\":false,"
                + "\"boxed_letter\":\"a\",\"boxed_tiny\":-1,\"boxed_small\":-2,\"boxed_medium\":-3,"
                + "\"boxed_large\":-4,\"boxed_single\":0.5,\"boxed_twice\":0.25}}");
        assertThat(call(IDS.nextLong(), "U32", out -> out.packLong(4_294_967_295L)).render())
                .isEqualTo("{\"Ok\":4294967295}");
        assertThat(call(IDS.nextLong(), "MaybeInt", MessageBufferPacker::packNil).render()).isEqualTo("{\"Ok\":null}");
    }

    @Test
    void aReplyOutsideTheDeclaredRustTypeIsAnErrNotBytesTheProcessCannotDecode() throws Exception {
        long id = IDS.nextLong();
        SimulatedReply reply = call(id, "U32Minus", out -> out.packInt(0));
        assertThat(reply.frame().id()).isEqualTo(id);
        assertThat(reply.errMessage()).startsWith("cannot encode reply: ")
                .contains("integer `-1` is out of range for u32");
    }

    private static SimulatedReply call(long id, String variant, Value value) throws Exception {
        MessageBufferPacker out = MessagePack.newDefaultBufferPacker();
        value.pack(out);
        byte[] blob = RustEnumValue.of(variant, out.toByteArray()).toBytes();
        return node.request(Frame.of(id, MessageType.REQUEST, blob)).get(30, TimeUnit.SECONDS);
    }
}
