package ai.hyperware.ext.contract;

import ai.hyperware.ext.handler.HandlerRegistry;
import ai.hyperware.ext.payload.RustSerdeMapper;

/**
 * The contract of the handlers an application serves, built on first use, once the handler inventory is complete
 * (from {@code /actuator/info}, contract mode, or the start-up check), and kept: handlers are fixed at start-up.
 */
public final class ExtensionContract {

    private final HandlerRegistry registry;
    private final RustSerdeMapper mapper;
    private volatile Contract contract;

    public ExtensionContract(HandlerRegistry registry, RustSerdeMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    public Contract contract() {
        Contract built = contract;
        if (built == null) {
            built = ContractBuilder.build(registry.handlers(), mapper);
            contract = built;
        }
        return built;
    }
}
