package ai.hyperware.ext.ops;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import ai.hyperware.ext.handler.HandlerMethod;
import ai.hyperware.ext.handler.HandlerRegistry;

/**
 * Adds a {@code hyperware} section to {@code /actuator/info}: the version, the node URL (without credentials),
 * the handler inventory, and the contract (the request enum, reply types, structs and enums, as JSON), so that an
 * operator can see what this extension serves and where it connects, and a tool can check an interface process
 * against it.
 */
public final class ExtensionInfoContributor implements InfoContributor {

    private final String version;
    private final String nodeUrl;
    private final HandlerRegistry registry;
    private final Supplier<Map<String, Object>> contract;

    public ExtensionInfoContributor(String version, String nodeUrl, HandlerRegistry registry,
            Supplier<Map<String, Object>> contract) {
        this.version = version;
        this.nodeUrl = nodeUrl;
        this.registry = registry;
        this.contract = contract;
    }

    @Override
    public void contribute(Info.Builder builder) {
        List<Map<String, String>> handlers = registry.handlers().stream()
                .sorted(Comparator.comparing(HandlerMethod::variant))
                .map(handler -> Map.of("variant", handler.variant(), "bean", handler.beanName(),
                        "method", handler.methodSignature()))
                .toList();
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("version", version);
        section.put("nodeUrl", nodeUrl);
        section.put("handlers", handlers);
        section.put("contract", contract.get());
        builder.withDetail("hyperware", section);
    }
}
