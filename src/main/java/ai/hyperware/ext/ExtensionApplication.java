package ai.hyperware.ext;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import ai.hyperware.ext.demo.DemoConfiguration;
import ai.hyperware.ext.handlerjars.HandlerJarRegistrar;

/**
 * The managed extension application, {@code ext.jar}: serves the {@code @ExtensionHandler} beans of the handler jars
 * on {@code loader.path} (see {@link HandlerJarRegistrar}) and, with the {@code demo} profile, runs against an
 * embedded node simulator. The runtime itself comes from the auto-configuration, as in any Spring Boot application
 * that depends on the library.
 *
 * <p>The demo and the handler-jar registrar are imported here, not found by component scanning, so that an
 * application that only depends on the library never gets either.
 */
@SpringBootApplication
@Import({HandlerJarRegistrar.class, DemoConfiguration.class})
public class ExtensionApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ExtensionApplication.class);
        application.setDefaultProperties(Map.of("spring.application.name", "hyperware-ext"));
        application.run(args);
    }
}
