package ai.hyperware.ext.autoconfigure;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntConsumer;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import ai.hyperware.ext.contract.Contract;
import ai.hyperware.ext.contract.ContractJson;
import ai.hyperware.ext.contract.ExtensionContract;
import ai.hyperware.ext.contract.RustModule;

/**
 * Prints the contract once the application has started (every handler is known by then) and ends the application:
 * the module on standard output, what could not be described on standard error.
 */
final class ContractCommand implements ApplicationRunner {

    private final String format;
    private final ExtensionContract contract;
    private final String generator;
    private final PrintStream out;
    private final PrintStream err;
    private final IntConsumer exit;

    ContractCommand(String format, ExtensionContract contract, String generator, PrintStream out, PrintStream err,
            IntConsumer exit) {
        this.format = format.trim().toLowerCase(Locale.ROOT);
        if (!this.format.equals("rust") && !this.format.equals("json")) {
            throw new InvalidConfigurationPropertyValueException(ContractMode.PROPERTY, format,
                    "use rust (print the Rust module of the handlers), json (print the contract as JSON) or none "
                            + "(run the extension)");
        }
        this.contract = contract;
        this.generator = generator;
        this.out = out;
        this.err = err;
        this.exit = exit;
    }

    @Override
    public void run(ApplicationArguments args) {
        Contract described = contract.contract();
        if (format.equals("json")) {
            out.println(ContractJson.text(described));
        } else if (described.problems().isEmpty()) {
            out.print(RustModule.write(described, generator));
        }
        out.flush();
        if (!described.problems().isEmpty()) {
            err.println("hyperware-ext: the handlers cannot all be described in Rust, so no module was written:");
            described.problems().forEach(problem -> err.println("  - " + problem));
            err.flush();
        }
        exit.accept(described.problems().isEmpty() ? 0 : 1);
    }
}
