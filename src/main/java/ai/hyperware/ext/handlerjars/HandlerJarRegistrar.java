package ai.hyperware.ext.handlerjars;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.net.URL;
import java.util.Collections;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinitionHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.ClassUtils;

import ai.hyperware.ext.autoconfigure.CodeOrigin;
import ai.hyperware.ext.autoconfigure.HandlerClasses;

/**
 * Serves the handler jars of {@code ext.jar}'s {@code loader.path}: registers the components of every jar there
 * (a {@code @Component} with {@code @ExtensionHandler} methods is enough, in any package, with no manifest entry or
 * registration file), and the auto-configuration's discovery then serves their handlers like any other bean's.
 *
 * <pre>
 * java -Dloader.path=/app/handlers -jar ext.jar --hyperware.extension.process=myext:mypkg:publisher.os
 * </pre>
 *
 * <p>Imported by {@code ext.jar}'s own application only; an application that depends on the library has its own
 * class path and component scanning, and is not touched. Each jar is logged with its components. A jar without any
 * handler gets a WARN (expected for a dependency jar), and so does a handler class that is no bean. The start-up
 * stops, naming the jar, for a file that is not a jar, a class that is on the class path twice (in two jars, or
 * also in the runtime), and a class whose dependency no jar has.
 */
public final class HandlerJarRegistrar implements ImportBeanDefinitionRegistrar {

    private static final Logger log = LoggerFactory.getLogger(HandlerJarRegistrar.class);

    private final Environment environment;
    private final ResourceLoader resourceLoader;

    HandlerJarRegistrar(Environment environment, ResourceLoader resourceLoader) {
        this.environment = environment;
        this.resourceLoader = resourceLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata importing, BeanDefinitionRegistry registry) {
        List<Path> paths = LoaderPath.jars(environment);
        if (paths.isEmpty()) {
            return;
        }
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(resourceLoader);
        JarComponentScanner scanner = new JarComponentScanner(registry, environment, resourceLoader);
        MetadataReaderFactory readers = scanner.getMetadataReaderFactory();
        List<HandlerJar> jars = new ArrayList<>();
        try {
            for (Path path : paths) {
                Resource[] classFiles = JarComponentScanner.classFilesOf(path, resolver);
                requireUnique(path, classFiles, readers);
                List<String> handlerClasses = HandlerClasses.declaringHandlers(classFiles, readers);
                List<String> components = new ArrayList<>();
                for (BeanDefinitionHolder component : scanner.register(classFiles, path)) {
                    LinkCheck.check(component.getBeanDefinition().getBeanClassName(), path,
                            resourceLoader.getClassLoader());
                    components.add(component.getBeanName());
                }
                HandlerJar jar = new HandlerJar(path, List.copyOf(components), List.copyOf(handlerClasses));
                jars.add(jar);
                log(jar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the handler jars on loader.path", e);
        }
        RootBeanDefinition report = new RootBeanDefinition(HandlerJarReport.class, () -> new HandlerJarReport(
                List.copyOf(jars), (ListableBeanFactory) registry, resourceLoader.getClassLoader()));
        registry.registerBeanDefinition("hyperwareHandlerJarReport", report);
    }

    /**
     * Each class is on the class path once: the class loader would silently take the first copy, and loader.path
     * comes before ext.jar's own classes, so a handler jar that bundles the runtime (or Spring) would replace it.
     */
    private void requireUnique(Path jar, Resource[] classFiles, MetadataReaderFactory readers) throws IOException {
        ClassLoader classLoader = resourceLoader.getClassLoader();
        for (Resource classFile : classFiles) {
            String className = readers.getMetadataReader(classFile).getClassMetadata().getClassName();
            List<URL> copies = Collections.list(classLoader.getResources(ClassUtils.convertClassNameToResourcePath(
                    className) + ClassUtils.CLASS_FILE_SUFFIX));
            if (copies.size() > 1) {
                throw new HandlerJarException(className + " in " + jar.getFileName() + " is also in "
                        + copies.stream().map(URL::toString).filter(url -> !url.contains(jar.getFileName().toString()))
                                .map(HandlerJarRegistrar::container).distinct().toList()
                        + ": only the first copy on the class path is loaded. Keep one; if the other is the runtime "
                        + "(hyperware-ext, Spring), build the handler jar with those as <scope>provided</scope>");
            }
        }
    }

    /** The jar that holds a class file, from the class file's URL: {@code jar:file:/d/x.jar!/a/B.class} is x.jar. */
    private static String container(String classFileUrl) {
        int entry = classFileUrl.lastIndexOf("!/");
        return CodeOrigin.describe(entry < 0 ? classFileUrl : classFileUrl.substring(0, entry));
    }

    private static void log(HandlerJar jar) {
        if (jar.handlerClasses().isEmpty()) {
            log.warn("Handler jar {} has no @ExtensionHandler method: nothing in it is served. That is expected for a "
                    + "dependency of another handler jar; otherwise annotate the handler methods with "
                    + "@ai.hyperware.ext.handler.ExtensionHandler and their class with @Component", jar.name());
            return;
        }
        log.info("Handler jar {} ({}): {} component(s) {}", jar.name(), jar.jar().getParent(),
                jar.components().size(), jar.components());
    }
}
