package ai.hyperware.ext;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Runs an extension: every {@code @ExtensionHandler} bean in this package and below is served to the node named by
 * {@code hyperware.extension.*}. With the {@code demo} profile it runs against an embedded node simulator.
 */
@SpringBootApplication
public class ExtensionApplication {

    public static void main(String[] args) {
        SpringApplication.run(ExtensionApplication.class, args);
    }
}
