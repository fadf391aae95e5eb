package ai.hyperware.ext.handlerjars;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import ai.hyperware.ext.autoconfigure.HandlerClasses;

/**
 * Once every bean exists, warns about the {@code @ExtensionHandler} classes of the handler jars that did not become
 * beans (no {@code @Component}, no {@code @Bean} for them), whose handlers are therefore not served.
 */
final class HandlerJarReport implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(HandlerJarReport.class);

    private final List<HandlerJar> jars;
    private final ListableBeanFactory beans;
    private final ClassLoader classLoader;

    HandlerJarReport(List<HandlerJar> jars, ListableBeanFactory beans, ClassLoader classLoader) {
        this.jars = jars;
        this.beans = beans;
        this.classLoader = classLoader;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (HandlerJar jar : jars) {
            for (String unserved : HandlerClasses.withoutBean(jar.handlerClasses(), beans, classLoader)) {
                log.warn("{} in {} has @ExtensionHandler methods but is not a Spring bean, so they are not served: "
                        + "annotate it with @Component (any package works in a handler jar), or declare it as a "
                        + "@Bean in a @Configuration class of the jar", unserved, jar.name());
            }
        }
    }
}
