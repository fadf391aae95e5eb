package ai.hyperware.ext.payload;

import static ai.hyperware.ext.payload.RustInteger.I64;
import static ai.hyperware.ext.payload.RustInteger.U16;
import static ai.hyperware.ext.payload.RustInteger.U32;
import static ai.hyperware.ext.payload.RustInteger.U64;
import static ai.hyperware.ext.payload.RustInteger.U8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * {@link RustType} narrows (or, for {@code u64}, widens) the range a Java integer accepts to the Rust type's, on a
 * record component, inside a list, array, map or {@code Optional}, and on a handler's whole payload or reply; a Java
 * type that cannot hold the Rust type stops the start-up, naming the field.
 */
class RustTypeAnnotationTest {

    private static final HexFormat HEX = HexFormat.of();
    private final RustSerdeMapper mapper = new RustSerdeMapper();

    record Widths(@RustType(U8) short u8, @RustType(U16) int u16, @RustType(U32) long u32, @RustType(U64) long u64,
            @RustType(I64) BigInteger i64) {
    }

    record Containers(@RustType(U32) List<Long> list, @RustType(U32) long[] array,
            @RustType(U32) Map<String, Long> map, @RustType(U32) Optional<Long> optional) {
    }

    record U32InAnInt(@RustType(U32) int count) {
    }

    record U8OnAString(@RustType(U8) String name) {
    }

    /** A u32 field, positional: {@code [value]}. */
    private byte[] u32Field(String valueHex) {
        return HEX.parseHex("95" + "00" + "00" + valueHex + "00" + "00");
    }

    @Test
    void u32FieldAcceptsItsWholeRangeAndRefusesMinusOneAndTwoToThe32() throws Exception {
        assertThat(mapper.read(u32Field("ceffffffff"), Widths.class).u32()).isEqualTo(4_294_967_295L);
        assertThat(mapper.read(u32Field("00"), Widths.class).u32()).isZero();
        assertThatThrownBy(() -> mapper.read(u32Field("ff"), Widths.class))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("invalid value: integer `-1`, expected u32 (Java long)")
                .hasMessageContaining("(at u32)");
        assertThatThrownBy(() -> mapper.read(u32Field("cf0000000100000000"), Widths.class))
                .hasMessageContaining("invalid value: integer `4294967296`, expected u32");
    }

    @Test
    void eachUnsignedWidthRefusesOnePastItsMaximum() {
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("95cd0100000000c0"), Widths.class))
                .hasMessageContaining("integer `256`, expected u8");
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("9500ce000100000000c0"), Widths.class))
                .hasMessageContaining("integer `65536`, expected u16");
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("95000000ff00"), Widths.class))
                .hasMessageContaining("integer `-1`, expected u64");
    }

    @Test
    void u64InALongKeepsItsSixtyFourBitsBothWays() throws Exception {
        Widths max = mapper.read(HEX.parseHex("95000000cfffffffffffffffff00"), Widths.class);
        assertThat(Long.toUnsignedString(max.u64())).isEqualTo("18446744073709551615");
        byte[] written = mapper.write(max);
        assertThat(HEX.formatHex(written)).contains(HEX.formatHex("u64".getBytes()) + "cfffffffffffffffff");
    }

    @Test
    void i64OnABigIntegerAcceptsNegativesAndRefusesAboveTwoToThe63() throws Exception {
        assertThat(mapper.read(HEX.parseHex("95000000" + "00" + "d38000000000000000"), Widths.class).i64())
                .isEqualTo(BigInteger.valueOf(Long.MIN_VALUE));
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("95000000" + "00" + "cf8000000000000000"), Widths.class))
                .hasMessageContaining("integer `9223372036854775808`, expected i64 (Java BigInteger)");
    }

    @Test
    void annotationOnAContainerAppliesToTheIntegersInside() throws Exception {
        Containers fits = mapper.read(HEX.parseHex("94" + "91ceffffffff" + "91ceffffffff" + "81a16bceffffffff"
                + "ceffffffff"), Containers.class);
        assertThat(fits.list()).containsExactly(4_294_967_295L);
        assertThat(fits.array()).containsExactly(4_294_967_295L);
        assertThat(fits.map()).containsEntry("k", 4_294_967_295L);
        assertThat(fits.optional()).contains(4_294_967_295L);
        String tooBig = "cf0000000100000000";
        for (String hex : List.of("94" + "91" + tooBig + "9081a16b00c0", "94" + "90" + "91" + tooBig + "80c0",
                "94" + "90" + "90" + "81a16b" + tooBig + "c0", "94" + "90" + "90" + "80" + tooBig)) {
            assertThatThrownBy(() -> mapper.read(HEX.parseHex(hex), Containers.class)).as(hex)
                    .isInstanceOf(PayloadException.class)
                    .hasMessageContaining("integer `4294967296`, expected u32");
        }
    }

    @Test
    void aRustTypeTheJavaTypeCannotHoldStopsTheStartUpNamingTheField() {
        assertThatThrownBy(() -> mapper.reader(U32InAnInt.class, null, "the parameter of calc#count"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@RustType(U32) on U32InAnInt.count: a Rust u32 does not fit a Java int; "
                        + "declare it long");
        assertThatThrownBy(() -> mapper.reader(U8OnAString.class, null, "the parameter of calc#name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@RustType(U8) on U8OnAString.name: it names an integer type, but the value "
                        + "is a String");
    }

    // ---- on a handler's whole payload and reply ----

    static class Handlers {
        @RustType(U64)
        long count(@RustType(U32) long limit) {
            return limit;
        }

        long narrow(@RustType(U16) List<Integer> values) {
            return values.size();
        }

        void tooNarrow(@RustType(U32) int limit) {
        }
    }

    private static RustType parameterAnnotation(String method) {
        for (Method m : Handlers.class.getDeclaredMethods()) {
            if (m.getName().equals(method)) {
                return m.getParameters()[0].getAnnotation(RustType.class);
            }
        }
        throw new AssertionError(method);
    }

    @Test
    void rustTypeOnAPayloadParameterBindsTheWholeValue() throws Exception {
        ValueReader u32 = mapper.reader(long.class, parameterAnnotation("count"), "the parameter of h#count");
        assertThat(u32.read(HEX.parseHex("ceffffffff"))).isEqualTo(4_294_967_295L);
        assertThatThrownBy(() -> u32.read(HEX.parseHex("ff"))).hasMessageContaining("integer `-1`, expected u32");
        ValueReader u16s = mapper.reader(Handlers.class.getDeclaredMethod("narrow", List.class)
                .getGenericParameterTypes()[0], parameterAnnotation("narrow"), "the parameter of h#narrow");
        assertThat(u16s.read(HEX.parseHex("92cdffff00"))).isEqualTo(List.of(65535, 0));
        assertThatThrownBy(() -> u16s.read(HEX.parseHex("91ce00010000")))
                .hasMessageContaining("integer `65536`, expected u16");
        assertThatThrownBy(() -> mapper.reader(int.class, parameterAnnotation("tooNarrow"),
                "the parameter of h#tooNarrow"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@RustType(U32) on the parameter of h#tooNarrow: a Rust u32 does not fit a "
                        + "Java int");
    }

    @Test
    void rustTypeOnAHandlerMethodWritesItsReplyAsThatType() throws Exception {
        RustType u64 = Handlers.class.getDeclaredMethod("count", long.class).getAnnotation(RustType.class);
        ValueWriter writer = mapper.writer(long.class, u64, "the value h#count returns");
        assertThat(HEX.formatHex(writer.write(-1L))).isEqualTo("cfffffffffffffffff");
        assertThat(HEX.formatHex(mapper.write(-1L))).as("without the annotation, a long is an i64").isEqualTo("ff");
    }

    @Test
    void aReplyOutsideItsRustTypeIsNotWrittenAtAll() {
        assertThatThrownBy(() -> mapper.write(new Widths((short) 256, 0, 0, 0, BigInteger.ZERO)))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("integer `256` is out of range for u8");
        assertThatThrownBy(() -> mapper.write(new Widths((short) 0, 0, -1, 0, BigInteger.ZERO)))
                .hasMessageContaining("integer `-1` is out of range for u32");
        assertThatThrownBy(() -> mapper.write(BigInteger.valueOf(-1)))
                .as("a BigInteger is a u64").hasMessageContaining("integer `-1` is out of range for u64");
    }
}
