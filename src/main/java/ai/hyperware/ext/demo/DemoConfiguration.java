package ai.hyperware.ext.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.context.annotation.PropertySource;

import ai.hyperware.ext.autoconfigure.ContractMode;
import ai.hyperware.ext.autoconfigure.ExtensionProperties;
import ai.hyperware.ext.autoconfigure.NodeEndpoint;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;

/**
 * The {@code demo} profile: an embedded node simulator on a loopback port, the extension pointed at it, sample
 * handlers, and a runner that sends sample requests and prints them with their replies. In contract mode only the
 * handlers: {@code --spring.profiles.active=demo --hyperware.extension.contract=rust} prints the demo's module.
 *
 * <p>Only {@code ext.jar}'s own application imports it: it carries no {@code @Configuration}, so no component scan
 * picks it up, and an application that depends on the library never runs the demo, whatever its profiles.
 */
@Profile("demo")
@PropertySource("classpath:ai/hyperware/ext/demo/demo.properties")
public class DemoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = ContractMode.PROPERTY, havingValue = ContractMode.OFF, matchIfMissing = true)
    NodeSimulator demoNode(ExtensionProperties properties, @Value("${hyperware.demo.node-port:0}") int port) {
        return NodeSimulator.builder().process(properties.process()).path(properties.path()).port(port).build()
                .start();
    }

    /** Replaces the endpoint built from hyperware.extension.node-url with the simulator's. */
    @Bean
    @ConditionalOnProperty(name = ContractMode.PROPERTY, havingValue = ContractMode.OFF, matchIfMissing = true)
    NodeEndpoint demoNodeEndpoint(NodeSimulator demoNode) {
        return new NodeEndpoint(demoNode.extensionUrl());
    }

    @Bean
    DemoHandlers demoHandlers() {
        return new DemoHandlers();
    }

    @Bean
    @ConditionalOnProperty(name = ContractMode.PROPERTY, havingValue = ContractMode.OFF, matchIfMissing = true)
    ApplicationRunner demoRunner(NodeSimulator demoNode, RustSerdeMapper mapper) {
        return new DemoRunner(demoNode, mapper);
    }
}
