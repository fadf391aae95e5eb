package ai.hyperware.ext.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import ai.hyperware.ext.connection.NodeConnectionManager;
import ai.hyperware.ext.contract.ExtensionContract;
import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.handler.HandlerRegistry;
import ai.hyperware.ext.payload.RustSerdeMapper;

/**
 * Contract mode needs no node: with {@code hyperware.extension.contract=rust} and no {@code process}, the handlers
 * are found and the contract command is there, and nothing of the runtime is; the command prints and exits 0, or
 * exits 1 naming what cannot be described; a value other than rust, json or none stops the start-up naming it.
 */
class ContractModeTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HandlerAutoConfiguration.class, ExtensionAutoConfiguration.class,
                    ExtensionActuatorAutoConfiguration.class, ContractAutoConfiguration.class));

    public static class Greeter {
        @ExtensionHandler("Greet")
        public String greet(String name) {
            return "hello " + name;
        }
    }

    public static class Vague {
        @ExtensionHandler("Anything")
        public Object anything() {
            return null;
        }
    }

    @Test
    void contractModeFindsTheHandlersWithoutTheRuntimeOrAProcess() {
        runner.withPropertyValues("hyperware.extension.contract=rust").withBean(Greeter.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(NodeConnectionManager.class);
            assertThat(context).hasSingleBean(ApplicationRunner.class);
            assertThat(context.getBean(HandlerRegistry.class).find("Greet")).isNotNull();
            assertThat(context.getBean(HandlerRegistry.class).find("Ping")).as("built-ins are in the contract")
                    .isNotNull();
        });
    }

    @Test
    void withoutContractModeTheRuntimeRunsAndNeedsItsProcess() {
        runner.withBean(Greeter.class).run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("hyperware.extension.process is required"));
        runner.withPropertyValues("hyperware.extension.contract=none", "hyperware.extension.process=a:b:c.os",
                "hyperware.extension.node-url=ws://127.0.0.1:9").run(context -> {
                    assertThat(context).hasSingleBean(NodeConnectionManager.class);
                    assertThat(context).doesNotHaveBean(ContractCommand.class);
                });
    }

    @Test
    void anUnknownFormatStopsTheStartUpNamingThePropertyAndTheChoices() {
        runner.withPropertyValues("hyperware.extension.contract=yaml").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("hyperware.extension.contract")
                .hasMessageContaining("use rust (print the Rust module of the handlers), json"));
    }

    private record Run(String out, String err, List<Integer> exits) {
    }

    private Run command(String format, Object... beans) throws Exception {
        RustSerdeMapper mapper = new RustSerdeMapper();
        ExtensionContract contract = new ExtensionContract(ai.hyperware.ext.support.HandlerInventory.of(mapper,
                beans), mapper);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<Integer> exits = new ArrayList<>();
        new ContractCommand(format, contract, "hyperware-ext test", new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), exits::add).run(null);
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), exits);
    }

    @Test
    void theCommandPrintsTheModuleAloneAndExitsZero() throws Exception {
        Run run = command("rust", new Greeter(), new DiagnosticHandlers());
        assertThat(run.out()).startsWith("//! The requests and replies of this Hyperware extension")
                .contains("    Greet(String),").contains("    Ping,");
        assertThat(run.err()).isEmpty();
        assertThat(run.exits()).containsExactly(0);
    }

    @Test
    void theCommandWritesNoModuleAndExitsOneWhenAHandlerCannotBeDescribed() throws Exception {
        Run run = command("rust", new Vague());
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("the handlers cannot all be described in Rust")
                .contains("the value vague#anything returns: a java.lang.Object has no Rust counterpart");
        assertThat(run.exits()).containsExactly(1);
    }

    @Test
    void theJsonFormatPrintsTheDescription() throws Exception {
        Run run = command("json", new Greeter());
        assertThat(run.out()).contains("\"name\" : \"Greet\"").contains("\"value\" : \"String\"");
        assertThat(run.exits()).containsExactly(0);
    }
}
