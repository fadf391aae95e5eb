package ai.hyperware.ext.handlerjars;

import java.nio.file.Path;

/**
 * Loads a handler jar's component class and the types its fields, constructors and method signatures name, up its
 * superclasses, so that a dependency missing from the handler directory stops the start-up here, naming the jar,
 * rather than deep inside bean creation (or, for a class only a method body uses, at the first request, which is
 * then answered with an {@code Err}).
 */
final class LinkCheck {

    private LinkCheck() {
    }

    static void check(String className, Path jar, ClassLoader classLoader) {
        Class<?> type;
        try {
            type = Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException e) {
            throw new HandlerJarException(className + " in " + jar.getFileName() + " cannot be loaded: is ext.jar "
                    + "started with java -jar? Its launcher (PropertiesLauncher) is what puts loader.path on the "
                    + "class path", e);
        } catch (LinkageError e) {
            throw missing(className, jar, e);
        }
        try {
            for (Class<?> current = type; current != null && current != Object.class;
                    current = current.getSuperclass()) {
                current.getDeclaredFields();
                current.getDeclaredConstructors();
                current.getDeclaredMethods();
            }
        } catch (LinkageError e) {
            throw missing(className, jar, e);
        }
    }

    private static HandlerJarException missing(String className, Path jar, LinkageError e) {
        String missing = e.getMessage() != null ? e.getMessage().replace('/', '.') : e.toString();
        return new HandlerJarException(className + " in " + jar.getFileName() + " needs " + missing + ", which "
                + "no jar on the class path holds: put the jar that has it into " + jar.getParent()
                + " as well, or build " + jar.getFileName() + " with its dependencies inside", e);
    }
}
