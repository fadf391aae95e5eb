package ai.hyperware.ext.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.demo.DemoHandlers;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.support.OfflineCargo;
import ai.hyperware.ext.support.SimulatedNode;

/**
 * The demo's module (what {@code --spring.profiles.active=demo --hyperware.extension.contract=rust} prints)
 * compiles against rmp_serde, and every variant's sample is answered by the demo's handlers with a reply that
 * decodes into the generated type.
 */
@SpringBootTest(classes = {ExtensionApplication.class, DemoContractRoundTripTest.Handlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class DemoContractRoundTripTest {

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder());

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Handlers {
        @Bean
        DemoHandlers demoHandlers() {
            return new DemoHandlers();
        }
    }

    @Autowired
    private ExtensionContract contract;

    @Test
    void everyDemoVariantRoundTripsIntoTheGeneratedTypes() throws Exception {
        String unavailable = OfflineCargo.unavailable();
        Assumptions.assumeTrue(unavailable == null, unavailable);
        assertThat(contract.contract().variants()).extracting(Contract.Variant::name)
                .containsExactly("Add", "Digest", "Divide", "Echo", "Ping", "Reverse");

        var outcomes = RustContractCheck.build("demo", RustModule.write(contract.contract(), "hyperware-ext (test)"))
                .run(simulated.simulator());

        assertThat(outcomes).hasSize(6 * 4).allSatisfy(o -> assertThat(o.ok()).as("%s", o).isTrue());
        assertThat(outcomes).filteredOn(o -> o.variant().equals("Echo"))
                .allSatisfy(o -> assertThat(o.result()).isEqualTo("ok same"));
    }
}
