package ai.hyperware.ext.autoconfigure;

import java.net.URL;
import java.security.CodeSource;

/**
 * Where a class was loaded from, as the handler inventory shows it: a jar's file name ({@code my-handlers.jar}, also
 * for a jar nested in {@code ext.jar}) or a directory's last two segments ({@code target/classes}).
 */
public final class CodeOrigin {

    private CodeOrigin() {
    }

    /** E.g. {@code my-handlers.jar}; {@code unknown} for a class without a code source (the JDK's own). */
    public static String of(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source != null ? source.getLocation() : null;
        return location != null ? describe(location.toString()) : "unknown";
    }

    /**
     * {@code jar:nested:/app/ext.jar/!BOOT-INF/classes/!/} is {@code ext.jar}, {@code
     * jar:nested:/app/ext.jar/!BOOT-INF/lib/x-1.0.jar!/} is {@code x-1.0.jar}, {@code file:/p/target/classes/} is
     * {@code target/classes}, {@code file:/d/my-handlers.jar} is {@code my-handlers.jar}.
     */
    public static String describe(String location) {
        String path = location.replaceAll("!/$", "").replaceAll("/+$", "");
        if (path.endsWith("!/BOOT-INF/classes") || path.endsWith("/!BOOT-INF/classes")) {
            path = path.substring(0, path.lastIndexOf("BOOT-INF/classes")).replaceAll("[!/]+$", "");
        }
        String[] segments = path.split("[/!]+");
        String last = segments[segments.length - 1];
        if (last.endsWith(".jar") || segments.length < 2) {
            return last;
        }
        return segments[segments.length - 2] + "/" + last;
    }
}
