package ai.hyperware.ext.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Structs, tuples and enums fail where serde's derive fails: a missing field, a positional array of the wrong
 * length, an enum given by index, a value of the wrong shape. Each refusal says where in the value it was.
 */
class StructBindingTest {

    private static final HexFormat HEX = HexFormat.of();
    private final RustSerdeMapper mapper = new RustSerdeMapper();

    record Point(int x, int y) {
    }

    record Labelled(String name, Optional<String> label) {
    }

    record Path(String name, List<Point> points) {
    }

    enum Color { Red, Green }

    record Paint(Color color) {
    }

    @Test
    void namedMapMissingAFieldIsRefusedNamingIt() {
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("81a17801"), Point.class)) // {"x": 1}
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("missing field `y` of Point");
    }

    @Test
    void missingOptionalFieldIsNoneAsSerdeMakesIt() throws Exception {
        assertThat(mapper.read(HEX.parseHex("81a46e616d65a161"), Labelled.class)) // {"name": "a"}
                .isEqualTo(new Labelled("a", Optional.empty()));
    }

    @Test
    void positionalArrayMustHaveOneElementPerField() throws Exception {
        assertThat(mapper.read(HEX.parseHex("920102"), Point.class)).isEqualTo(new Point(1, 2));
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("9101"), Point.class))
                .hasMessageContaining("invalid length 1, expected struct Point with 2 elements");
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("93010203"), Point.class))
                .hasMessageContaining("invalid length 3, expected struct Point with 2 elements");
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("9301029100"), Point.class))
                .as("an extra element that is itself an array").hasMessageContaining("invalid length 3");
    }

    @Test
    void positionalOptionalStillTakesItsPlace() {
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("91a161"), Labelled.class))
                .hasMessageContaining("invalid length 1, expected struct Labelled with 2 elements");
    }

    @Test
    void refusalDeepInsideSaysWhereItWas() {
        // ["p", [[1, 2], [3, 4000000000]]]
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("92a170929201029203ceee6b2800"), Path.class))
                .hasMessageContaining("invalid value: integer `4000000000`, expected i32 (Java int)")
                .hasMessageContaining("(at points[1].y)");
        // {"name": "p", "points": [{"x": 1.5, "y": 0}]}
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("82a46e616d65a170a6706f696e74739182a178cb3ff8000000000000"
                + "a17900"), Path.class))
                .hasMessageContaining("invalid type: floating point `1.5`, expected i32")
                .hasMessageContaining("(at points[0].x)");
    }

    @Test
    void aTupleIsARecordBoundPositionally() throws Exception {
        // Rust (i32, i32) and a tuple variant Move(i32, i32) both write [1, 2]
        assertThat(mapper.read(HEX.parseHex("9201ff"), Point.class)).isEqualTo(new Point(1, -1));
    }

    @Test
    void javaEnumIsAUnitVariantNameNeverAnIndex() throws Exception {
        assertThat(mapper.read(HEX.parseHex("91a5477265656e"), Paint.class)).isEqualTo(new Paint(Color.Green));
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("9101"), Paint.class))
                .isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("91a4426c7565"), Paint.class))
                .as("a variant Java does not have").isInstanceOf(PayloadException.class);
    }

    @Test
    void aScalarIsNotAStructNorAStructAScalar() {
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("a178"), Point.class)).isInstanceOf(PayloadException.class);
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("920102"), int.class))
                .hasMessageContaining("invalid type: sequence, expected i32");
        assertThatThrownBy(() -> mapper.read(HEX.parseHex("01"), List.class)).isInstanceOf(PayloadException.class);
    }
}
