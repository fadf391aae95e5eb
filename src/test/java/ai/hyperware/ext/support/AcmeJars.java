package ai.hyperware.ext.support;

import java.nio.file.Path;

/**
 * Handler jars from outside {@code ai.hyperware.ext}, built from source, for the tests of {@code ext.jar}'s
 * handler directory and of the image: {@code acme-handlers.jar} (a {@code @Component} serving {@code Shout}, which
 * needs {@code acme-text.jar}, plus a class with a handler that is no bean), {@code acme-text.jar} (its dependency,
 * no handler), and {@code other-handlers.jar} (another {@code Shout}).
 */
public final class AcmeJars {

    public static final String HANDLERS = "acme-handlers.jar";
    public static final String TEXT = "acme-text.jar";
    public static final String OTHER = "other-handlers.jar";

    private AcmeJars() {
    }

    /** {@code acme-text.jar}: {@code com.acme.text.Shouter}, a plain class with no handler. */
    public static Path text(Path directory) {
        return new JarFromSources(TEXT).source("com.acme.text.Shouter", """
                package com.acme.text;

                public class Shouter {
                    public String shout(String text) {
                        return text.toUpperCase() + "!";
                    }
                }
                """).writeTo(directory);
    }

    /**
     * {@code acme-handlers.jar}: {@code Shout(String)} answers the text upper-cased with a "!", through
     * {@code acme-text.jar}'s Shouter (which is compiled against but not included); {@code NotABean} has a handler
     * for {@code Lost} but no {@code @Component}.
     */
    public static Path handlers(Path directory, Path textJar) {
        return new JarFromSources(HANDLERS).compiledAgainst(textJar)
                .source("com.acme.handlers.AcmeHandlers", """
                        package com.acme.handlers;

                        import org.springframework.stereotype.Component;
                        import ai.hyperware.ext.handler.ExtensionHandler;
                        import com.acme.text.Shouter;

                        @Component
                        public class AcmeHandlers {
                            private final Shouter shouter = new Shouter();

                            @ExtensionHandler("Shout")
                            public String shout(String text) {
                                return shouter.shout(text);
                            }
                        }
                        """)
                .source("com.acme.handlers.NotABean", """
                        package com.acme.handlers;

                        import ai.hyperware.ext.handler.ExtensionHandler;

                        public class NotABean {
                            @ExtensionHandler("Lost")
                            public String lost() {
                                return "never served";
                            }
                        }
                        """)
                .writeTo(directory);
    }

    /** {@code other-handlers.jar}: {@code com.other.OtherHandlers}, a second handler for {@code Shout}. */
    public static Path other(Path directory) {
        return new JarFromSources(OTHER).source("com.other.OtherHandlers", """
                package com.other;

                import org.springframework.stereotype.Component;
                import ai.hyperware.ext.handler.ExtensionHandler;

                @Component
                public class OtherHandlers {
                    @ExtensionHandler("Shout")
                    public String shout(String text) {
                        return text;
                    }
                }
                """).writeTo(directory);
    }
}
