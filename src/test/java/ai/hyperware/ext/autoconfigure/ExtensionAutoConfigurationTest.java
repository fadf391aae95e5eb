package ai.hyperware.ext.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.handler.HandlerRegistry;
import ai.hyperware.ext.handler.RequestDispatcher;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.MessageType;

/** Start-up: discovery, fail-fast configuration, and secrets kept out of messages. */
class ExtensionAutoConfigurationTest {

    /** A port nothing listens on, so the connection just retries quietly in the background. */
    private static final String UNUSED_NODE = "hyperware.extension.node-url=ws://127.0.0.1:9";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HandlerAutoConfiguration.class, ExtensionAutoConfiguration.class))
            .withPropertyValues(UNUSED_NODE);

    public static class Greeter {
        @ExtensionHandler("Greet")
        public String greet(String name) {
            return "hello " + name;
        }
    }

    public static class AlsoPing {
        @ExtensionHandler("Ping")
        public String ping() {
            return "mine";
        }
    }

    static final AtomicInteger intercepted = new AtomicInteger();

    @Configuration
    static class ProxiedGreeter {
        @Bean
        Greeter greeter() {
            return new Greeter();
        }

        /** Wraps the greeter in a CGLIB proxy, as @Transactional or @Timed would. */
        @Bean
        static BeanPostProcessor proxier() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof Greeter)) {
                        return bean;
                    }
                    ProxyFactory factory = new ProxyFactory(bean);
                    factory.setProxyTargetClass(true);
                    factory.addAdvice((MethodInterceptor) invocation -> {
                        intercepted.incrementAndGet();
                        return invocation.proceed();
                    });
                    return factory.getProxy();
                }
            };
        }
    }

    @Test
    void missingProcessFailsStartUpNamingTheProperty() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("hyperware.extension.process")
                    .hasMessageContaining("myext:mypkg:publisher.os");
        });
    }

    @Test
    void malformedCookieFailsWithoutPrintingIt() {
        runner.withPropertyValues("hyperware.extension.process=a:b:c.os",
                "hyperware.extension.auth-cookie=s3cr3t-jwt-value").run(context -> {
                    assertThat(context).hasFailed();
                    Throwable root = context.getStartupFailure();
                    assertThat(root).rootCause().hasMessageContaining("hyperware.extension.auth-cookie");
                    for (Throwable t = root; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cr3t-jwt-value");
                    }
                });
    }

    @Test
    void propertiesToStringRedactsTheCookie() {
        runner.withPropertyValues("hyperware.extension.process=a:b:c.os",
                "hyperware.extension.auth-cookie=hyperware-auth_n.os=s3cr3t").run(context ->
                        assertThat(context.getBean(ExtensionProperties.class).toString()).doesNotContain("s3cr3t"));
    }

    @Test
    void extensionUrlJoinsNodeProcessAndPath() {
        runner.withPropertyValues("hyperware.extension.process=myext:mypkg:pub.os", "hyperware.extension.path=/foo")
                .run(context -> assertThat(context.getBean(NodeEndpoint.class).uri())
                        .hasToString("ws://127.0.0.1:9/myext:mypkg:pub.os/foo"));
    }

    @Test
    void handlersOnProxiedBeansAreFoundAndCalledThroughTheProxy() {
        intercepted.set(0);
        runner.withPropertyValues("hyperware.extension.process=a:b:c.os").withUserConfiguration(ProxiedGreeter.class)
                .run(context -> {
                    HandlerRegistry registry = context.getBean(HandlerRegistry.class);
                    assertThat(registry.find("Greet")).isNotNull();
                    assertThat(registry.find("Greet").description()).isEqualTo("greeter#greet");
                    assertThat(registry.find("Ping")).as("diagnostics on by default").isNotNull();

                    LinkedBlockingQueue<Frame> replies = new LinkedBlockingQueue<>();
                    RustSerdeMapper mapper = context.getBean(RustSerdeMapper.class);
                    context.getBean(RequestDispatcher.class).dispatch(Frame.of(1, MessageType.RESPONSE,
                            RustEnumValue.of("Greet", mapper.write("ann")).toBytes()), replies::add);
                    Frame reply = replies.poll(10, TimeUnit.SECONDS);
                    assertThat(reply).isNotNull();
                    assertThat(reply.blob()).isEqualTo(RustResult.ok(mapper.write("hello ann")));
                    assertThat(intercepted).as("calls that went through the proxy").hasValue(1);
                });
    }

    @Test
    void duplicateVariantFailsStartUpNamingBothMethods() {
        runner.withPropertyValues("hyperware.extension.process=a:b:c.os").withBean(AlsoPing.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("\"Ping\" has two handlers")
                    .hasMessageContaining("hyperwareDiagnostics#ping");
        });
    }

    @Test
    void diagnosticsCanBeTurnedOffToClaimPing() {
        runner.withPropertyValues("hyperware.extension.process=a:b:c.os",
                "hyperware.extension.diagnostics.enabled=false").withBean(AlsoPing.class).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(HandlerRegistry.class).find("Ping").description()).contains("ping");
                    assertThat(context.getBean(HandlerRegistry.class).find("Echo")).isNull();
                });
    }
}
