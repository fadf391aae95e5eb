package ai.hyperware.ext.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.contract.RustContractCheck.Outcome;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.support.OfflineCargo;
import ai.hyperware.ext.support.SimulatedNode;

/**
 * The generated Rust module against the real extension: the module the application generates for the fixture's
 * handlers (every supported type, the built-ins included) compiles against Debian's serde and rmp-serde, and for
 * every variant a sample request encoded by rmp_serde, named and positional, at the widest and the narrowest values,
 * is answered over a real WebSocket with a reply that decodes into the generated type, equal to what was sent for
 * the echoes. And the same check reports a module that disagrees with the Java types.
 */
@SpringBootTest(classes = {ExtensionApplication.class, ContractFixtureHandlers.Registration.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class ContractRoundTripTest {

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder());
    private static final NodeSimulator node = simulated.simulator();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry);
    }

    @Autowired
    private ExtensionContract contract;

    @BeforeAll
    static void needsCargo() throws Exception {
        String unavailable = OfflineCargo.unavailable();
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    private String module() {
        assertThat(contract.contract().problems()).isEmpty();
        return RustModule.write(contract.contract(), "hyperware-ext (test)");
    }

    @Test
    void everyVariantRoundTripsThroughTheExtensionIntoTheGeneratedTypes() throws Exception {
        List<Outcome> outcomes = RustContractCheck.build("fixture", module()).run(node);

        List<String> variants = contract.contract().variants().stream().map(Contract.Variant::name).toList();
        assertThat(variants).as("the fixture's handlers and the built-ins")
                .containsAll(ContractFixtureHandlers.ECHOES).contains("Extremes", "Nothing", "Id", "Ping");
        assertThat(outcomes).as("two encodings and two rounds of each variant").hasSize(variants.size() * 4);
        Predicate<Outcome> namedOnlyPositional = o -> o.variant().equals("NamedOnlyPojo")
                && o.encoding().equals("positional");
        assertThat(outcomes).filteredOn(namedOnlyPositional.negate())
                .allSatisfy(o -> assertThat(o.ok()).as("%s", o).isTrue());
        assertThat(outcomes).filteredOn(o -> ContractFixtureHandlers.ECHOES.contains(o.variant()))
                .filteredOn(namedOnlyPositional.negate())
                .allSatisfy(o -> assertThat(o.result()).as("%s", o).isEqualTo("ok same"));
        assertThat(outcomes).filteredOn(namedOnlyPositional).hasSize(2).allSatisfy(o -> assertThat(o.result())
                .startsWith("err cannot decode request").contains("NamedOnlyPojo has no defined field order"));
    }

    /**
     * Three hand edits of the generated module, each a way a Rust side disagrees with the Java types: two fields
     * swapped, a {@code u32} widened to {@code u64}, an {@code i64} narrowed to {@code i32}. The same check reports
     * each, on the variants that use the edited type, and passes the rest.
     */
    @Test
    void theCheckReportsAModuleThatDisagreesWithTheJavaTypes() throws Exception {
        String module = module();
        String edited = Edits.inStruct(module, "Pair", "    pub first: i64,\n    pub second: i64,\n",
                "    pub second: i64,\n    pub first: i64,\n");
        edited = Edits.inStruct(edited, "Widths", "    pub uint: u32,\n", "    pub uint: u64,\n");
        edited = Edits.inStruct(edited, "Extremes", "    pub max_large: i64,\n", "    pub max_large: i32,\n");

        Map<String, List<Outcome>> byVariant = RustContractCheck.build("edited", edited).run(node).stream()
                .collect(Collectors.groupingBy(Outcome::variant));

        // Maybe is Option<Pair>: positionally, the swapped fields reach Java in the wrong places and come back so
        assertThat(byVariant.get("Maybe")).filteredOn(o -> o.encoding().equals("positional") && o.round().equals("high"))
                .singleElement().satisfies(o -> assertThat(o.result()).startsWith("ok differs"));
        // List is Vec<Widths>: a u64 above 2^63 where Java declares a u32
        assertThat(byVariant.get("List")).filteredOn(o -> o.round().equals("high")).hasSize(2)
                .allSatisfy(o -> assertThat(o.result()).startsWith("err cannot decode request")
                        .contains("expected u32 (Java long)"));
        // Extremes answers i64::MAX, which the narrowed field cannot hold
        assertThat(byVariant.get("Extremes")).hasSize(4)
                .allSatisfy(o -> assertThat(o.result()).startsWith("undecodable"));
        // and what the edits do not touch still passes
        assertThat(byVariant.get("Text")).allSatisfy(o -> assertThat(o.result()).isEqualTo("ok same"));
        // Pair's request is a struct variant with fields of its own, untouched, but its reply is the edited struct
        assertThat(byVariant.get("Pair")).hasSize(4).allSatisfy(o -> assertThat(o.result()).startsWith("ok differs"));
    }
}
