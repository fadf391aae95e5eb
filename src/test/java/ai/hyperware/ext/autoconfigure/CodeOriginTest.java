package ai.hyperware.ext.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The inventory names where a handler's class came from in a few characters. */
class CodeOriginTest {

    @Test
    void aHandlerJarIsItsFileName() {
        assertThat(CodeOrigin.describe("file:/app/handlers/my-handlers.jar")).isEqualTo("my-handlers.jar");
    }

    @Test
    void classesInsideExtJarAreExtJar() {
        assertThat(CodeOrigin.describe("jar:nested:/app/ext.jar/!BOOT-INF/classes/!/")).isEqualTo("ext.jar");
    }

    @Test
    void aLibraryNestedInExtJarIsTheLibrarysFileName() {
        assertThat(CodeOrigin.describe("jar:nested:/app/ext.jar/!BOOT-INF/lib/hyperware-ext-0.1.0.jar!/"))
                .isEqualTo("hyperware-ext-0.1.0.jar");
    }

    @Test
    void aClassesDirectoryIsItsLastTwoSegments() {
        assertThat(CodeOrigin.describe("file:/work/app/target/classes/")).isEqualTo("target/classes");
    }

    @Test
    void anExtractedImageIsTheApplicationsClassesDirectory() {
        assertThat(CodeOrigin.describe("file:/app/BOOT-INF/classes/")).isEqualTo("BOOT-INF/classes");
    }
}
