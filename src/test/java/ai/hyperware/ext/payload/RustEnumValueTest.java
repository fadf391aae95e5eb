package ai.hyperware.ext.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parsing slices a Vec&lt;u8&gt; value with its own loop and any other value with msgpack-java; both paths end in the
 * same checks. Writing is by hand, into one exact array.
 */
class RustEnumValueTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void slicesAVecU8ValueAndAnyOtherValueAlike() throws PayloadException {
        assertThat(RustEnumValue.parse(HEX.parseHex("81a44563686f9201ccc8")).value()).isEqualTo(HEX.parseHex("9201ccc8"));
        assertThat(RustEnumValue.parse(HEX.parseHex("81a44563686f92cd00c801")).value())
                .as("an int in a wider form: msgpack-java's path").isEqualTo(HEX.parseHex("92cd00c801"));
        assertThat(RustEnumValue.parse(HEX.parseHex("81a44563686f82a16101a16292ff02")).value())
                .isEqualTo(HEX.parseHex("82a16101a16292ff02"));
    }

    @Test
    void refusesTrailingBytesAfterEitherKindOfValue() {
        assertThatThrownBy(() -> RustEnumValue.parse(HEX.parseHex("81a44563686f9201ccc800")))
                .isInstanceOf(PayloadException.class).hasMessageContaining("trailing bytes");
        assertThatThrownBy(() -> RustEnumValue.parse(HEX.parseHex("81a44563686fa16100")))
                .isInstanceOf(PayloadException.class).hasMessageContaining("trailing bytes");
        assertThatThrownBy(() -> RustEnumValue.parse(HEX.parseHex("a450696e6700")))
                .isInstanceOf(PayloadException.class).hasMessageContaining("trailing bytes");
    }

    /** For a handler that binds byte[], checking the Vec<u8> and decoding it are one pass; the value is unchanged. */
    @Test
    void decodesAVecU8ValueInTheCheckingPassOnlyWhenAsked() throws PayloadException {
        byte[] blob = HEX.parseHex("81a44563686f9201ccc8");
        RustEnumValue asked = RustEnumValue.parse(blob, "Echo"::equals);
        assertThat(asked.decodedVecU8()).isEqualTo(new byte[] {1, (byte) 0xc8});
        assertThat(asked.value()).isEqualTo(HEX.parseHex("9201ccc8"));
        assertThat(asked).isEqualTo(RustEnumValue.parse(blob)).hasToString("Echo(4 bytes)");
        assertThat(RustEnumValue.parse(blob).decodedVecU8()).as("not asked: only checked").isNull();
        assertThat(RustEnumValue.parse(blob, "Other"::equals).decodedVecU8()).isNull();
        assertThat(RustEnumValue.parse(HEX.parseHex("81a44563686f92cd00c801"), variant -> true).decodedVecU8())
                .as("a wider int form is left to the general path").isNull();
        assertThatThrownBy(() -> RustEnumValue.parse(HEX.parseHex("81a44563686f9201ccc800"), variant -> true))
                .isInstanceOf(PayloadException.class).hasMessageContaining("trailing bytes");
        assertThatThrownBy(() -> RustEnumValue.parse(HEX.parseHex("81a44563686f9301ccc8"), variant -> true))
                .isInstanceOf(PayloadException.class);
    }

    @Test
    void refusesAVecU8CutShort() {
        assertThatThrownBy(() -> RustEnumValue.parse(HEX.parseHex("81a44563686f9301ccc8")))
                .isInstanceOf(PayloadException.class);
    }

    @Test
    void writesUnitAndNewtypeVariantsAsRmpSerdeDoes() {
        assertThat(HEX.formatHex(RustEnumValue.unit("Ping").toBytes())).isEqualTo("a450696e67");
        assertThat(HEX.formatHex(RustEnumValue.of("Echo", HEX.parseHex("9201ccc8")).toBytes()))
                .isEqualTo("81a44563686f9201ccc8");
        String longName = "V".repeat(40); // str8 beyond 31 bytes
        assertThat(HEX.formatHex(RustEnumValue.unit(longName).toBytes())).startsWith("d928");
        assertThat(HEX.formatHex(RustResult.err("no handler"))).isEqualTo("81a3457272aa6e6f2068616e646c6572");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a map header and nothing else, 81",
        "a variant name cut short, 81a44563",
        "a variant with no value, 81a445636f",
        "a unit variant cut short, a55069",
        "an array header cut short, 81a445636f68dc00",
        "an array with fewer elements than its header, 81a445636f689201",
        "a variant name that is not UTF-8, a2c328"})
    void aBrokenBlobIsRefusedWithAReasonThatSaysWhatIsWrong(String what, String hex) {
        assertThatThrownBy(() -> RustEnumValue.parse(HexFormat.of().parseHex(hex))).as(what)
                .isInstanceOf(PayloadException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("null").hasSizeGreaterThan(20));
    }
}
