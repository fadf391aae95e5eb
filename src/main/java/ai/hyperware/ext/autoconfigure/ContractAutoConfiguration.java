package ai.hyperware.ext.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

import ai.hyperware.ext.contract.ExtensionContract;

/**
 * Contract mode: {@code --hyperware.extension.contract=rust} prints the Rust module of the handlers (built-ins and
 * those of handler jars included) and exits, 0 when every handler could be described, 1 otherwise; {@code json}
 * prints the same contract as JSON. The runtime is off ({@link ExtensionAutoConfiguration}), so no node is needed.
 */
@AutoConfiguration(after = HandlerAutoConfiguration.class)
@Conditional(ContractMode.On.class)
public class ContractAutoConfiguration {

    @Bean
    ApplicationRunner hyperwareContractCommand(Environment environment, ExtensionContract contract,
            ObjectProvider<BuildProperties> build, ConfigurableApplicationContext context) {
        return new ContractCommand(environment.getProperty(ContractMode.PROPERTY), contract,
                "hyperware-ext " + ExtensionVersion.of(build), System.out, System.err,
                code -> System.exit(SpringApplication.exit(context, () -> code)));
    }
}
