package ai.hyperware.ext.test;

import java.time.Duration;
import java.util.Map;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the node before the context refreshes, puts its address first among the property sources, and registers it
 * as the {@link TestNode} bean, destroyed after every other bean, so that the extension's graceful shutdown still
 * has a node to say goodbye to.
 */
record EmbeddedNodeContextCustomizer(String process, String path, int timeoutSeconds) implements ContextCustomizer {

    static final String BEAN = "hyperwareTestNode";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
        TestNode node = TestNode.start(process, path, Duration.ofSeconds(timeoutSeconds));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("hyperware-embedded-node",
                Map.of("hyperware.extension.node-url", node.nodeUrl(), "hyperware.extension.process", process,
                        "hyperware.extension.path", path)));
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerSingleton(BEAN, node);
        beans.registerDisposableBean(BEAN, node::close);
    }
}
