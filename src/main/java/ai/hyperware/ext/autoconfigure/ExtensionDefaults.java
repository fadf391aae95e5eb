package ai.hyperware.ext.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the runtime's defaults ({@code extension-defaults.properties} beside this class: the actuator exposure, the
 * health groups, {@code server.port=8770}) as the lowest-precedence property source, so that every application with
 * the library gets them, whatever its own configuration files, and any setting of its own wins.
 */
public final class ExtensionDefaults implements EnvironmentPostProcessor {

    static final String NAME = "hyperware-extension-defaults";
    private static final String LOCATION = "ai/hyperware/ext/autoconfigure/extension-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(NAME)) {
            return;
        }
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource(NAME,
                    new ClassPathResource(LOCATION, ExtensionDefaults.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException("the library's own " + LOCATION + " is missing from its jar", e);
        }
    }
}
