package ai.hyperware.ext.autoconfigure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

import ai.hyperware.ext.contract.ExtensionContract;
import ai.hyperware.ext.handler.HandlerRegistry;
import ai.hyperware.ext.payload.RustSerdeMapper;

/**
 * Finds the {@code @ExtensionHandler} methods (the built-in diagnostics among them) and describes them as a contract.
 * Active in every mode: the runtime ({@link ExtensionAutoConfiguration}) serves them, contract mode
 * ({@link ContractAutoConfiguration}) prints them.
 */
@AutoConfiguration
public class HandlerAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HandlerAutoConfiguration.class);

    @Bean
    static ExtensionHandlerDiscoverer hyperwareHandlerDiscoverer() {
        return new ExtensionHandlerDiscoverer();
    }

    /** Warns about {@code @ExtensionHandler} classes beside the application that no bean serves. */
    @Bean
    UnservedHandlerReport hyperwareUnservedHandlerReport(ListableBeanFactory beans, ResourceLoader resources) {
        return new UnservedHandlerReport(beans, resources);
    }

    @Bean
    RustSerdeMapper hyperwareRustSerdeMapper(ExtensionHandlerDiscoverer discoverer) {
        return discoverer.mapper();
    }

    @Bean
    HandlerRegistry hyperwareHandlerRegistry(ExtensionHandlerDiscoverer discoverer) {
        return discoverer.registry();
    }

    @Bean
    @ConditionalOnProperty(name = "hyperware.extension.diagnostics.enabled", matchIfMissing = true)
    DiagnosticHandlers hyperwareDiagnostics() {
        return new DiagnosticHandlers();
    }

    @Bean
    ExtensionContract hyperwareContract(HandlerRegistry registry, RustSerdeMapper mapper) {
        return new ExtensionContract(registry, mapper);
    }

    /**
     * Says, once every handler is known, what the contract generator cannot describe (the extension serves such a
     * handler, but no Rust module can be generated for it), and what binds with a limit (a POJO without a field
     * order binds from named maps only).
     */
    @Bean
    SmartInitializingSingleton hyperwareContractCheck(ExtensionContract contract) {
        return () -> {
            contract.contract().problems().forEach(problem -> log.warn(
                    "The contract (hyperware.extension.contract=rust) cannot describe {}", problem));
            contract.contract().notes().forEach(note -> log.warn("{}", note));
        };
    }
}
