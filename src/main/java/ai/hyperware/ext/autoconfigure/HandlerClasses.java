package ai.hyperware.ext.autoconfigure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.ClassUtils;

import ai.hyperware.ext.handler.ExtensionHandler;

/**
 * Finds the classes that declare {@link ExtensionHandler} methods among class files, by reading their bytecode
 * (Spring's metadata readers, as component scanning does): nothing is loaded or initialised, so looking is cheap
 * and safe, and a class whose dependencies are missing is still found.
 */
public final class HandlerClasses {

    private HandlerClasses() {
    }

    /** The names of the concrete classes among {@code classFiles} that declare an {@code @ExtensionHandler} method. */
    public static List<String> declaringHandlers(Resource[] classFiles, MetadataReaderFactory readers)
            throws IOException {
        List<String> found = new ArrayList<>();
        for (Resource classFile : classFiles) {
            MetadataReader reader = readers.getMetadataReader(classFile);
            if (reader.getClassMetadata().isConcrete()
                    && reader.getAnnotationMetadata().hasAnnotatedMethods(ExtensionHandler.class.getName())) {
                found.add(reader.getClassMetadata().getClassName());
            }
        }
        return found;
    }

    /**
     * The names among {@code classNames} of which the context holds no bean (counting beans of subclasses and AOP
     * proxies, not creating any), so that their handlers are not served. A class that cannot even be loaded counts as
     * without a bean.
     */
    public static List<String> withoutBean(List<String> classNames, ListableBeanFactory beans,
            ClassLoader classLoader) {
        List<String> unserved = new ArrayList<>();
        for (String className : classNames) {
            try {
                Class<?> type = ClassUtils.forName(className, classLoader);
                if (beans.getBeanNamesForType(type, true, false).length == 0) {
                    unserved.add(className);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                unserved.add(className);
            }
        }
        return unserved;
    }
}
