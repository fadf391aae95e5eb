package ai.hyperware.ext.handlerjars;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanDefinitionHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.context.annotation.FullyQualifiedAnnotationBeanNameGenerator;
import org.springframework.context.annotation.ScannedGenericBeanDefinition;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.type.classreading.MetadataReader;

/**
 * Spring's component scanning, limited to the classes of one jar instead of packages of the whole class path, so
 * that a handler jar's components are found whatever their package, and nothing else is. Components keep Spring's
 * rules ({@code @Component} and its stereotypes, {@code @Configuration}, conditions such as {@code @Profile}); each is
 * named by its fully qualified class name unless it names itself, so that equal simple names in two jars don't clash.
 */
final class JarComponentScanner extends ClassPathBeanDefinitionScanner {

    private Resource[] classFiles = new Resource[0];

    JarComponentScanner(BeanDefinitionRegistry registry, Environment environment, ResourceLoader resourceLoader) {
        super(registry, true, environment, resourceLoader);
        setBeanNameGenerator(FullyQualifiedAnnotationBeanNameGenerator.INSTANCE);
    }

    /**
     * The class files of a jar, without {@code module-info}, {@code package-info} and the other Java versions'
     * copies of a multi-release jar ({@code META-INF/versions/}).
     */
    static Resource[] classFilesOf(Path jar, ResourcePatternResolver resolver) throws IOException {
        return Arrays.stream(resolver.getResources("jar:" + jar.toUri() + "!/**/*.class"))
                .filter(file -> {
                    String name = file.getFilename();
                    String path = file.toString();
                    return name != null && !name.equals("module-info.class") && !name.equals("package-info.class")
                            && !path.contains("!/META-INF/");
                })
                .toArray(Resource[]::new);
    }

    /** Registers the components among these class files (all from one jar) and returns them. */
    Set<BeanDefinitionHolder> register(Resource[] jarClassFiles, Path jar) {
        this.classFiles = jarClassFiles;
        return doScan(jar.toString()); // the "package" is only a label here: findCandidateComponents ignores it
    }

    @Override
    public Set<BeanDefinition> findCandidateComponents(String jar) {
        Set<BeanDefinition> candidates = new LinkedHashSet<>();
        try {
            for (Resource classFile : classFiles) {
                MetadataReader reader = getMetadataReaderFactory().getMetadataReader(classFile);
                if (isCandidateComponent(reader)) {
                    ScannedGenericBeanDefinition definition = new ScannedGenericBeanDefinition(reader);
                    definition.setSource(classFile);
                    if (isCandidateComponent(definition)) {
                        candidates.add(definition);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the classes of " + jar, e);
        }
        return candidates;
    }
}
