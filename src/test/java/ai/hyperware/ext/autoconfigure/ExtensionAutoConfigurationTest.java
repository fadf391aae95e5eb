package ai.hyperware.ext.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "reconnect.initial-delay=-1s | reconnect.initial-delay | positive duration",
        "reconnect.initial-delay=0ms | reconnect.initial-delay | positive duration",
        "reconnect.initial-delay=10s reconnect.max-delay=1s | reconnect.max-delay | at least",
        "handler-timeout=0s | handler-timeout | positive duration",
        "limits.send-timeout=-5s | limits.send-timeout | positive duration",
        "limits.connect-timeout=0s | limits.connect-timeout | positive duration",
        "reply-hold.ttl=0s | reply-hold.ttl | positive duration",
        "reply-hold.max-bytes=0B | reply-hold.max-bytes | greater than zero",
        "reply-hold.max-count=0 | reply-hold.max-count | greater than zero",
        "limits.max-unsent-bytes=0B | limits.max-unsent-bytes | greater than zero",
        "limits.max-in-flight-bytes=10B | limits.max-in-flight-bytes | at least 1KB",
        "limits.max-outbound-message-size=3GB | limits.max-outbound-message-size | between 1KB and 2GB",
        "limits.max-frame-size=10B | limits.max-frame-size | between 1KB and 2GB",
        "max-in-flight=-3 | max-in-flight | greater than zero"})
    void aBadDurationOrSizeFailsStartUpNamingThePropertyAndTheFix(String setting, String property, String fix) {
        String[] settings = Arrays.stream(setting.trim().split(" +")).map(one -> "hyperware.extension." + one)
                .toArray(String[]::new);
        runner.withPropertyValues("hyperware.extension.process=a:b:c.os").withPropertyValues(settings)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("hyperware.extension." + property.trim())
                            .hasMessageContaining(fix.trim());
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
                            RustEnumValue.of("Greet", mapper.write("ann")).toBytes()),
                            (answer, outcome) -> replies.add(answer));
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
