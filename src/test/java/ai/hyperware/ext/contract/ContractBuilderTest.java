package ai.hyperware.ext.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.hyperware.ext.autoconfigure.DiagnosticHandlers;
import ai.hyperware.ext.contract.Contract.Kind;
import ai.hyperware.ext.contract.Contract.Variant;
import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.payload.RustInteger;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.payload.RustType;
import ai.hyperware.ext.support.HandlerInventory;

/** What the generator writes for each kind of handler and type, and what it refuses to describe. */
class ContractBuilderTest {

    private final RustSerdeMapper mapper = new RustSerdeMapper();

    private Contract contract(Object... beans) {
        return ContractBuilder.build(HandlerInventory.of(mapper, beans).handlers(), mapper);
    }

    private Variant variant(Contract contract, String name) {
        return contract.variants().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void variantKindsFollowTheParameter() {
        Contract contract = contract(new ContractFixtureHandlers(), new DiagnosticHandlers());
        assertThat(variant(contract, "Ping").kind()).isEqualTo(Kind.UNIT);
        assertThat(variant(contract, "Id").kind()).as("a RequestContext is not a payload").isEqualTo(Kind.UNIT);
        assertThat(variant(contract, "Pair").kind()).isEqualTo(Kind.STRUCT);
        assertThat(variant(contract, "Pair").fields()).extracting(Contract.Field::name)
                .containsExactly("first", "second");
        assertThat(variant(contract, "Maybe").value().rust()).isEqualTo("Option<Pair>");
        assertThat(variant(contract, "U32").value().rust()).isEqualTo("u32");
        assertThat(variant(contract, "U32").reply().rust()).isEqualTo("Result<u32, String>");
        assertThat(variant(contract, "Nothing").reply().rust()).isEqualTo("Result<(), String>");
        assertThat(variant(contract, "Async").reply().rust()).as("a CompletableFuture's value")
                .isEqualTo("Result<Pair, String>");
        assertThat(variant(contract, "Raw").reply().rust()).isEqualTo("Unwrapped<Pair>");
        assertThat(variant(contract, "Echo").value()).isEqualTo(RustTypeRef.VALUE);
    }

    @Test
    void structFieldsAreSnakeCaseInComponentOrderWithTheirWidths() {
        String module = RustModule.write(contract(new ContractFixtureHandlers()), "test");
        assertThat(module).contains("pub struct Widths {\n    pub tiny: i8,\n    pub small: i16,\n    pub medium: i32,\n"
                + "    pub large: i64,\n    pub ubyte: u8,\n    pub ushort: u16,\n    pub uint: u32,\n"
                + "    pub ulong: u64,\n    pub big: u64,\n    pub signed_big: i64,\n}");
        assertThat(module).contains("    pub u32s: Vec<u32>,\n    pub u16s: HashMap<String, u16>,\n");
        assertThat(module).contains("    pub by_color: HashMap<Color, bool>,\n");
        assertThat(module).contains("pub enum Color {\n    Red,\n    Green,\n    Blue,\n}");
    }

    @Test
    void aStructThatHoldsItselfThroughAnOptionIsBoxedAndThroughAVecIsNot() {
        String module = RustModule.write(contract(new ContractFixtureHandlers()), "test");
        assertThat(module).contains("pub struct Chain {\n    pub value: i32,\n    pub next: Option<Box<Chain>>,\n}");
        assertThat(module).contains("pub struct Tree {\n    pub label: String,\n    pub children: Vec<Tree>,\n}");
    }

    @Test
    void namesAreMadeValidAndUnique() {
        String module = RustModule.write(contract(new ContractFixtureHandlers()), "test");
        assertThat(module).contains("    #[serde(rename = \"type\")]\n    pub type_: String,\n"
                + "    #[serde(rename = \"match\")]\n    pub match_: i32,\n");
        assertThat(module).contains("pub struct PageString {").contains("pub struct PageLong {");
        assertThat(module).contains("pub struct Point {\n    pub x: i32,")
                .contains("pub struct GeometryPoint {\n    pub x: f64,");
    }

    @Test
    void aPojoWithoutDefinedOrderIsMarkedNamedOnly() {
        Contract contract = contract(new ContractFixtureHandlers());
        assertThat(variant(contract, "NamedOnlyPojo").positional()).isFalse();
        assertThat(variant(contract, "OrderedPojo").positional()).isTrue();
        assertThat(contract.notes()).singleElement().asString()
                .contains("ContractFixtureHandlers$NamedOnlyPojo has no defined field order")
                .endsWith("a positional array (rmp_serde::to_vec) for it is answered with an Err");
        assertThat(RustModule.write(contract, "test"))
                .contains("    /// Named fields only: send it with `rmp_serde::to_vec_named`");
    }

    @Test
    void theJsonDescriptionHasVariantsFieldsInOrderAndTypes() {
        Map<String, Object> json = ContractJson.describe(contract(new ContractFixtureHandlers()));
        assertThat(json).containsEntry("enum", "Request").containsEntry("problems", List.of());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> variants = (List<Map<String, Object>>) json.get("variants");
        assertThat(variants).filteredOn(v -> v.get("name").equals("Pair")).singleElement()
                .isEqualTo(Map.of("name", "Pair", "kind", "struct", "handler", "contractFixtureHandlers#pair",
                        "positional", true, "fields", List.of(Map.of("name", "first", "type", "i64"),
                                Map.of("name", "second", "type", "i64")), "reply", "Result<Pair, String>"));
    }

    // ---- what cannot be described ----

    record Holder(@RustType(RustInteger.U8) Pair pair) {
    }

    record Pair(long first, long second) {
    }

    public static class Undescribable {
        @ExtensionHandler("Anything")
        public Object anything() {
            return null;
        }

        @ExtensionHandler("When")
        public Instant when() {
            return Instant.EPOCH;
        }

        @ExtensionHandler("ByReal")
        public Map<Double, String> byReal() {
            return Map.of();
        }

        @ExtensionHandler("Misplaced")
        public Optional<Holder> misplaced() {
            return Optional.empty();
        }
    }

    @Test
    void whatHasNoRustCounterpartIsAProblemNamingWhereAndTheFix() {
        Contract contract = contract(new Undescribable());
        assertThat(contract.problems()).containsExactlyInAnyOrder(
                "the value undescribable#anything returns: a java.lang.Object has no Rust counterpart; declare a "
                        + "record, a collection, a map, an Optional, a scalar, byte[] or RawMsgpack",
                "the value undescribable#when returns: a java.time.Instant has no Rust counterpart; declare a record,"
                        + " a collection, a map, an Optional, a scalar, byte[] or RawMsgpack",
                "the value undescribable#byReal returns: a map keyed by f64 has no Rust counterpart that serde reads "
                        + "from MessagePack; key it by a String, an integer or a Java enum",
                "Holder.pair: @RustType(U8) on a Pair, which holds no integer; remove it");
        assertThatThrownBy(() -> RustModule.write(contract, "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the handlers cannot all be described in Rust");
    }
}
