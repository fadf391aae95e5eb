package ai.hyperware.ext.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's code examples are real sources that the build compiles and runs: each block marked
 * {@code <!-- from PATH -->} must be that file exactly, imports and all, and every Java block must be marked. The
 * sample project under src/it is built and tested by the invoker; the README's other examples are test sources
 * here (com.example.readme).
 */
class ReadmeCodeBlocksTest {

    private static final Pattern BLOCK = Pattern.compile("(?:<!-- from (\\S+) -->\\n)?```(\\w*)\\n(.*?)```\\n",
            Pattern.DOTALL);

    record Block(String source, String language, String code, int line) {
    }

    private static List<Block> blocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(markdown);
        while (matcher.find()) {
            int line = (int) markdown.substring(0, matcher.start()).lines().count() + 1;
            blocks.add(new Block(matcher.group(1), matcher.group(2), matcher.group(3), line));
        }
        return blocks;
    }

    @Test
    void everyMarkedBlockIsItsSourceFileExactly() throws IOException {
        List<Block> marked = blocks(Files.readString(Path.of("README.md"))).stream()
                .filter(block -> block.source() != null).toList();

        assertThat(marked).extracting(Block::source).contains(
                "src/it/sample-extension/pom.xml",
                "src/it/sample-extension/src/main/java/com/example/digest/DigestHandlers.java",
                "src/it/sample-extension/src/test/java/com/example/digest/DigestHandlersTest.java");
        for (Block block : marked) {
            Path source = Path.of(block.source());
            assertThat(source).as("README line %d names a file that exists", block.line()).exists();
            assertThat(block.code()).as("README line %d is %s exactly (copy the file into the README, or change "
                    + "both)", block.line(), source).isEqualTo(Files.readString(source));
        }
    }

    @Test
    void everyJavaBlockIsACompiledSource() throws IOException {
        assertThat(blocks(Files.readString(Path.of("README.md"))))
                .filteredOn(block -> block.language().equals("java"))
                .allSatisfy(block -> assertThat(block.source())
                        .as("the Java block at README line %d is marked <!-- from PATH --> with a compiled source",
                                block.line())
                        .isNotNull());
    }

    @Test
    void theSamplePomDependsOnThisVersion() throws IOException {
        String version = projectVersion(Files.readString(Path.of("pom.xml")));
        assertThat(Files.readString(Path.of("src/it/sample-extension/pom.xml")))
                .as("the README's pom.xml depends on the version this build installs")
                .contains("<artifactId>hyperware-ext</artifactId>\n      <version>" + version + "</version>");
    }

    /** The project's own version: the first {@code <version>} after its artifactId, past the parent's. */
    private static String projectVersion(String pom) {
        Matcher matcher = Pattern.compile("<artifactId>hyperware-ext</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(matcher.find()).as("pom.xml declares hyperware-ext's version").isTrue();
        return matcher.group(1);
    }
}
