package ai.hyperware.ext.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** How handler parameter types bind from, and return values write to, the MessagePack that Rust serde uses. */
class RustSerdeBindingTest {

    private static final HexFormat HEX = HexFormat.of();
    private final RustSerdeMapper mapper = new RustSerdeMapper();

    record Point(int x, int y) {
    }

    record Shape(String name, List<Point> points, Optional<String> label) {
    }

    /** A POJO: Java does not define the order of its fields, so it binds from named maps only. */
    static class Job {
        public String packageId;
        public long retries;
    }

    /** A POJO whose order @JsonPropertyOrder defines: it binds from positional arrays in that order. */
    @JsonPropertyOrder({"packageId", "retries"})
    static class OrderedJob {
        public String packageId;
        public long retries;
    }

    record Counter(@RustType(RustInteger.U64) long count) {
    }

    @Test
    void nestedStructsBindFromPositionalArraysAtEveryLevel() throws Exception {
        // ["tri", [[1, 2], [3, 4]], nil] as rmp_serde::to_vec writes Shape { name, points, label: None }
        Shape shape = mapper.read(HEX.parseHex("93a3747269929201029203 04c0".replace(" ", "")), Shape.class);
        assertThat(shape).isEqualTo(new Shape("tri", List.of(new Point(1, 2), new Point(3, 4)), Optional.empty()));
    }

    @Test
    void nestedStructsBindFromNamedMaps() throws Exception {
        byte[] named = mapper.write(new Shape("sq", List.of(new Point(0, 1)), Optional.of("L")));
        assertThat(mapper.read(named, Shape.class))
                .isEqualTo(new Shape("sq", List.of(new Point(0, 1)), Optional.of("L")));
    }

    @Test
    void pojoBindsFromSnakeCaseMap() throws Exception {
        Job named = mapper.read(HEX.parseHex("82aa7061636b6167655f6964a178a772657472696573 03".replace(" ", "")),
                Job.class);
        assertThat(named.packageId).isEqualTo("x");
        assertThat(named.retries).isEqualTo(3);
    }

    @Test
    void pojoWithoutDefinedFieldOrderRefusesPositionalArrayNamingTheClass() {
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("92a17803"), Job.class))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining(Job.class.getName() + " has no defined field order")
                .hasMessageContaining("@JsonPropertyOrder");
    }

    @Test
    void pojoWithJsonPropertyOrderBindsFromPositionalArray() throws Exception {
        OrderedJob positional = mapper.read(HEX.parseHex("92a17803"), OrderedJob.class);
        assertThat(positional.packageId).isEqualTo("x");
        assertThat(positional.retries).isEqualTo(3);
    }

    @Test
    void unknownFieldsAreIgnoredAsSerdeDoes() throws Exception {
        assertThat(mapper.read(HEX.parseHex("83a17801a17902a17ac0"), Point.class)).isEqualTo(new Point(1, 2));
    }

    @Test
    void u64BindsToAnUnsignedLongKeepingAllSixtyFourBitsAndToBigInteger() throws Exception {
        byte[] max = HEX.parseHex("cfffffffffffffffff");
        assertThat(mapper.read(HEX.parseHex("91cfffffffffffffffff"), Counter.class)).isEqualTo(new Counter(-1L));
        assertThat(mapper.read(max, BigInteger.class)).isEqualTo(BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
    }

    @Test
    void u64AboveTwoToThe63IsRefusedForAPlainLongWhichIsAnI64() {
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("cfffffffffffffffff"), Long.class))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("invalid value: integer `18446744073709551615`, expected i64");
    }

    @Test
    void bigIntegerAboveTwoToThe63IsWrittenAsUint64() throws Exception {
        assertThat(HEX.formatHex(mapper.write(BigInteger.TWO.pow(63)))).isEqualTo("cf8000000000000000");
    }

    @Test
    void byteArrayBindsFromIntArrayAndFromBin() throws Exception {
        assertThat(mapper.read(HEX.parseHex("9301ccc800"), byte[].class)).containsExactly(1, 200, 0);
        assertThat(mapper.read(HEX.parseHex("c40301c800"), byte[].class)).containsExactly(1, 200, 0);
    }

    @Test
    void byteArrayRefusesIntsOutsideZeroTo255() {
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("91cd0100"), byte[].class))
                .isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("91ff"), byte[].class))
                .isInstanceOf(PayloadException.class);
    }

    @Test
    void mapsAndCollectionsBind() throws Exception {
        Map<Object, Object> map = mapper.read(HEX.parseHex("82a16101a16292a178a179"), Map.class);
        assertThat(map).containsEntry("a", 1).containsEntry("b", List.of("x", "y"));
    }

    @Test
    void integerAndBooleanMapKeysAreWrittenAsIntegersAndBooleansAsSerdeReadsThem() throws Exception {
        // HashMap<i64, String> {-1: "a"}, HashMap<u64, String> {2^64-1: "b"}, HashMap<bool, i32> {true: 1}
        assertThat(HEX.formatHex(mapper.write(Map.of(-1L, "a")))).isEqualTo("81ffa161");
        assertThat(HEX.formatHex(mapper.write(Map.of(BigInteger.TWO.pow(64).subtract(BigInteger.ONE), "b"))))
                .isEqualTo("81cfffffffffffffffffa162");
        assertThat(HEX.formatHex(mapper.write(Map.of(true, 1)))).isEqualTo("81c301");
        assertThat(HEX.formatHex(mapper.write(Map.of("k", 1)))).as("string keys stay strings").isEqualTo("81a16b01");
    }

    @Test
    void javaEnumIsWrittenAsUnitVariant() throws Exception {
        enum Status { Ready }
        assertThat(HEX.formatHex(mapper.write(Status.Ready))).isEqualTo("a5" + HEX.formatHex("Ready".getBytes()));
    }

    @Test
    void absentOptionalIsWrittenAsNil() throws Exception {
        assertThat(HEX.formatHex(mapper.write(Optional.empty()))).isEqualTo("c0");
    }

    @Test
    void stringHeaderClaimingFourGigabytesIsRefusedWithoutAllocatingIt() {
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("dbfffffff0616263"), String.class))
                .isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("ddfffffff001"), List.class))
                .isInstanceOf(PayloadException.class);
    }

    @Test
    void enumValueWithHostileHeadersIsRefused() {
        for (String hex : new String[] {"", "c1", "dbfffffff0", "81dbfffffff0", "81a14fddfffffff0", "92a1"}) {
            assertThatThrownBy(() -> RustEnumValue.parse(HEX.parseHex(hex))).as(hex)
                    .isInstanceOf(PayloadException.class);
        }
    }
}
