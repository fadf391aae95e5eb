package ai.hyperware.ext.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import ai.hyperware.ext.autoconfigure.HandlerAutoConfiguration;
import ai.hyperware.ext.demo.DemoHandlers;

/** The README's example of a generated module is what the generator writes for the demo, line for line. */
class ReadmeContractExampleTest {

    private static final String MARKER = "<!-- contract-example:";

    @Test
    void theReadmesExampleIsAnExcerptOfTheDemosModule() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("basedir", ".")).resolve("README.md"));
        int marker = readme.indexOf(MARKER);
        assertThat(marker).as("the README marks its example").isNotNegative();
        int start = readme.indexOf("```rust\n", marker) + "```rust\n".length();
        String example = readme.substring(start, readme.indexOf("```\n", start));

        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HandlerAutoConfiguration.class))
                .withBean("demoHandlers", DemoHandlers.class).run(context -> {
                    String module = RustModule.write(context.getBean(ExtensionContract.class).contract(), "test");
                    List<String> parts = List.of(example.split("// \\.\\.\\.\n"));
                    assertThat(parts).hasSizeGreaterThan(1);
                    int from = 0;
                    for (String part : parts) {
                        int at = module.indexOf(part, from);
                        assertThat(at).as("this part of the README's example, in order, in the module:%n%s%n"
                                + "the module:%n%s", part, module).isNotNegative();
                        from = at + part.length();
                    }
                });
    }
}
