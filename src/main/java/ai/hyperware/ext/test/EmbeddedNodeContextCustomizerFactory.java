package ai.hyperware.ext.test;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives each test class annotated {@link EmbeddedNode @EmbeddedNode} its simulated node; registered in
 * {@code META-INF/spring.factories}, as spring-test looks for such factories there.
 */
final class EmbeddedNodeContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        EmbeddedNode annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, EmbeddedNode.class);
        return annotation != null ? new EmbeddedNodeContextCustomizer(annotation.process(), annotation.path(),
                annotation.timeoutSeconds()) : null;
    }
}
