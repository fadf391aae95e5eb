package ai.hyperware.ext.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@code hyperware.extension.contract}: {@code none} (the default) runs the extension; {@code rust} or {@code json}
 * prints its contract and exits, without a node, a web server or {@code hyperware.extension.process}.
 *
 * <p>As an environment post-processor it turns the web server and the banner off in contract mode and keeps the
 * console to errors, so that standard output is the module alone ({@code > contract.rs}).
 */
public final class ContractMode implements EnvironmentPostProcessor {

    /** The property. */
    public static final String PROPERTY = "hyperware.extension.contract";

    /** Its default: no contract mode. */
    public static final String OFF = "none";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (isOn(environment.getProperty(PROPERTY))) {
            environment.getPropertySources().addFirst(new MapPropertySource("hyperware-contract-mode", Map.of(
                    "spring.main.web-application-type", "none",
                    "spring.main.banner-mode", "off",
                    "logging.threshold.console", "ERROR",
                    // the health groups name the connection's indicator, which contract mode does not create
                    "management.endpoint.health.validate-group-membership", "false")));
        }
    }

    static boolean isOn(String value) {
        return value != null && !value.isBlank() && !OFF.equalsIgnoreCase(value.trim());
    }

    /** Matches in contract mode: {@code hyperware.extension.contract} is set to anything but {@code none}. */
    static final class On extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String value = context.getEnvironment().getProperty(PROPERTY);
            return isOn(value) ? ConditionOutcome.match(PROPERTY + "=" + value)
                    : ConditionOutcome.noMatch(PROPERTY + " is " + OFF);
        }
    }
}
