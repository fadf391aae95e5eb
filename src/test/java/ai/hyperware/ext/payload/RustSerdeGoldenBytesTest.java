package ai.hyperware.ext.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The blob vectors of PROTOCOL.md §5, read and written through {@link RustSerdeMapper} and {@link RustEnumValue}. */
class RustSerdeGoldenBytesTest {

    private static final HexFormat HEX = HexFormat.of();
    private final RustSerdeMapper mapper = new RustSerdeMapper();

    /** {@code RunScript { package_id: String, args: Vec<u8>, n: u64 }} */
    record RunScript(String packageId, byte[] args, BigInteger n) {
    }

    record RunScriptWithLong(String packageId, List<Integer> args, @RustType(RustInteger.U64) long n) {
    }

    static final String PING = "a450696e67";
    static final String ECHO = "81a44563686f9201ccc8";
    static final String RUN_SCRIPT_NAMED = "81a952756e53637269707483aa7061636b6167655f6964a161a4617267739201ccc8a16e"
            + "cfffffffffffffffff";
    static final String RUN_SCRIPT_POSITIONAL = "81a952756e53637269707493a1619201ccc8cfffffffffffffffff";
    static final String OK_PONG = "81a24f6ba4506f6e67";
    static final String ERR_NO_HANDLER = "81a3457272aa6e6f2068616e646c6572";
    static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Test
    void unitVariantIsItsName() throws Exception {
        assertThat(RustEnumValue.parse(HEX.parseHex(PING))).isEqualTo(RustEnumValue.unit("Ping"));
        assertThat(HEX.formatHex(RustEnumValue.unit("Ping").toBytes())).isEqualTo(PING);
    }

    @Test
    void newtypeVariantCarriesVecU8AsInts() throws Exception {
        RustEnumValue echo = RustEnumValue.parse(HEX.parseHex(ECHO));
        assertThat(echo.variant()).isEqualTo("Echo");
        assertThat(mapper.read(echo.value(), byte[].class)).containsExactly(1, 200);
        assertThat(HEX.formatHex(RustEnumValue.of("Echo", mapper.write(new byte[] {1, (byte) 200})).toBytes()))
                .isEqualTo(ECHO);
    }

    @Test
    void structVariantBindsFromNamedMap() throws Exception {
        RustEnumValue value = RustEnumValue.parse(HEX.parseHex(RUN_SCRIPT_NAMED));
        RunScript script = mapper.read(value.value(), RunScript.class);
        assertThat(script.packageId()).isEqualTo("a");
        assertThat(script.args()).containsExactly(1, 200);
        assertThat(script.n()).isEqualTo(U64_MAX);
    }

    @Test
    void structVariantBindsFromPositionalArray() throws Exception {
        RustEnumValue value = RustEnumValue.parse(HEX.parseHex(RUN_SCRIPT_POSITIONAL));
        RunScriptWithLong script = mapper.read(value.value(), RunScriptWithLong.class);
        assertThat(script.packageId()).isEqualTo("a");
        assertThat(script.args()).containsExactly(1, 200);
        assertThat(script.n()).isEqualTo(-1L);
        assertThat(Long.toUnsignedString(script.n())).isEqualTo(U64_MAX.toString());
    }

    @Test
    void structIsWrittenAsToVecNamedWould() throws Exception {
        byte[] value = mapper.write(new RunScript("a", new byte[] {1, (byte) 200}, U64_MAX));
        assertThat(HEX.formatHex(RustEnumValue.of("RunScript", value).toBytes())).isEqualTo(RUN_SCRIPT_NAMED);
    }

    @Test
    void resultShapes() throws Exception {
        assertThat(HEX.formatHex(RustResult.ok(mapper.write("Pong")))).isEqualTo(OK_PONG);
        assertThat(HEX.formatHex(RustResult.err("no handler"))).isEqualTo(ERR_NO_HANDLER);
    }
}
