package ai.hyperware.ext.handlerjars;

import java.nio.file.Path;
import java.util.List;

/**
 * What scanning found in one handler jar.
 *
 * @param jar            the jar file
 * @param components     the bean names of its components
 * @param handlerClasses the classes in it that declare {@code @ExtensionHandler} methods, beans or not
 */
record HandlerJar(Path jar, List<String> components, List<String> handlerClasses) {

    String name() {
        return jar.getFileName().toString();
    }
}
