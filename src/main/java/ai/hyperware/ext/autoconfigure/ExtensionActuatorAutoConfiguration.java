package ai.hyperware.ext.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

import ai.hyperware.ext.connection.ConnectionStatus;
import ai.hyperware.ext.contract.ContractJson;
import ai.hyperware.ext.contract.ExtensionContract;
import ai.hyperware.ext.connection.InboundFrameProcessor;
import ai.hyperware.ext.connection.NodeConnectionManager;
import ai.hyperware.ext.connection.ReplyOutbox;
import ai.hyperware.ext.handler.HandlerRegistry;
import ai.hyperware.ext.handler.RequestDispatcher;
import ai.hyperware.ext.ops.ConnectionHealthIndicator;
import ai.hyperware.ext.ops.ConnectionMetrics;
import ai.hyperware.ext.ops.ExtensionInfoContributor;
import ai.hyperware.ext.ops.MachineryLiveness;
import ai.hyperware.ext.ops.RequestMetrics;

/**
 * Health, liveness, metrics and info for the extension, when Actuator and Micrometer are on the classpath. The
 * health component is named {@code hyperware} after its bean. Off in contract mode, with the runtime; each nested
 * configuration says so too, because a component scan of this package finds them on their own.
 */
@AutoConfiguration(after = ExtensionAutoConfiguration.class)
@ConditionalOnProperty(name = ContractMode.PROPERTY, havingValue = ContractMode.OFF, matchIfMissing = true)
public class ExtensionActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnProperty(name = ContractMode.PROPERTY, havingValue = ContractMode.OFF, matchIfMissing = true)
    static class Health {

        @Bean
        ConnectionHealthIndicator hyperwareHealthIndicator(ConnectionStatus status, NodeConnectionManager connection) {
            return new ConnectionHealthIndicator(status, connection.nodeUrl());
        }

        @Bean
        MachineryLiveness hyperwareMachineryLiveness(ConnectionStatus status, ApplicationEventPublisher events) {
            return new MachineryLiveness(status, events);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnProperty(name = ContractMode.PROPERTY, havingValue = ContractMode.OFF, matchIfMissing = true)
    static class Metrics {

        @Bean
        RequestMetrics hyperwareRequestMetrics(HandlerRegistry registry) {
            return new RequestMetrics(variant -> registry.find(variant) != null);
        }

        @Bean
        ConnectionMetrics hyperwareConnectionMetrics(ConnectionStatus status, RequestDispatcher dispatcher,
                ReplyOutbox outbox, InboundFrameProcessor frames) {
            return new ConnectionMetrics(status, dispatcher, outbox, frames);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(InfoContributor.class)
    @ConditionalOnProperty(name = ContractMode.PROPERTY, havingValue = ContractMode.OFF, matchIfMissing = true)
    static class Info {

        @Bean
        ExtensionInfoContributor hyperwareInfoContributor(ObjectProvider<BuildProperties> build,
                NodeConnectionManager connection, HandlerRegistry registry, ExtensionContract contract) {
            return new ExtensionInfoContributor(ExtensionVersion.of(build), connection.nodeUrl(), registry,
                    () -> ContractJson.describe(contract.contract()));
        }
    }
}
