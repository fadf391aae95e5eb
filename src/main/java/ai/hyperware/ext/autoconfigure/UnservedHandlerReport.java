package ai.hyperware.ext.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.util.ClassUtils;

/**
 * Warns about {@code @ExtensionHandler} methods that will never be served because their class is not a bean: it
 * was left out of component scanning (it lies outside the application's packages) or was never annotated or
 * declared. Spring itself says nothing in either case.
 *
 * <p>What it can see cheaply: the classes beside the application's {@code @SpringBootApplication} class (the same
 * {@code target/classes} directory or jar), read as bytecode once at start-up. Handlers in other jars of the class
 * path are not looked for; those on {@code ext.jar}'s {@code loader.path} have a report of their own.
 */
final class UnservedHandlerReport implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(UnservedHandlerReport.class);
    private static final String LIBRARY = "ai.hyperware.ext.";
    /** The library's own handler classes: the built-in diagnostics (off by a setting) and the demo's (a profile). */
    private static final List<String> LIBRARY_HANDLERS = List.of(LIBRARY + "autoconfigure.", LIBRARY + "demo.");

    private final ListableBeanFactory beans;
    private final ResourceLoader resources;

    UnservedHandlerReport(ListableBeanFactory beans, ResourceLoader resources) {
        this.beans = beans;
        this.resources = resources;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String name : beans.getBeanNamesForAnnotation(SpringBootConfiguration.class)) {
            Class<?> application = beans.getType(name);
            if (application != null) {
                report(ClassUtils.getUserClass(application));
            }
        }
    }

    private void report(Class<?> application) {
        CodeSource source = application.getProtectionDomain().getCodeSource();
        URL root = source != null ? source.getLocation() : null;
        if (root == null) {
            return;
        }
        List<String> scanned = scannedPackages();
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(resources);
            List<String> candidates = new ArrayList<>();
            boolean applicationIsOurs = application.getName().startsWith(LIBRARY);
            for (String className : HandlerClasses.declaringHandlers(resolver.getResources(pattern(root)),
                    new CachingMetadataReaderFactory(resources))) {
                boolean library = className.startsWith(LIBRARY)
                        && (!applicationIsOurs || LIBRARY_HANDLERS.stream().anyMatch(className::startsWith));
                if (!library) {
                    candidates.add(className);
                }
            }
            for (String unserved : HandlerClasses.withoutBean(candidates, beans, resources.getClassLoader())) {
                log.warn(advice(unserved, scanned));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Could not look for unserved @ExtensionHandler classes beside {}", application.getName(), e);
        }
    }

    static String advice(String className, List<String> scanned) {
        boolean inside = scanned.stream().anyMatch(pkg -> className.startsWith(pkg + "."));
        if (!inside && !scanned.isEmpty()) {
            return className + " has @ExtensionHandler methods but is not served: it is outside the packages the "
                    + "application scans (" + String.join(", ", scanned) + "). Move it under one of them, or add it "
                    + "with @Import(" + ClassUtils.getShortName(className) + ".class) or @ComponentScan";
        }
        return className + " has @ExtensionHandler methods but is not served: it is not a Spring bean. Annotate it "
                + "with @Component, or declare it as a @Bean";
    }

    private List<String> scannedPackages() {
        return AutoConfigurationPackages.has(beans) ? AutoConfigurationPackages.get(beans) : List.of();
    }

    /** Every class file under a directory or in a jar (also a jar nested in ext.jar). */
    static String pattern(URL root) {
        String location = root.toString();
        if (location.endsWith(".jar") && location.startsWith("file:")) {
            return "jar:" + location + "!/**/*.class";
        }
        return (location.endsWith("/") ? location : location + "/") + "**/*.class";
    }
}
