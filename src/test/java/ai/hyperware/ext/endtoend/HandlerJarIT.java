package ai.hyperware.ext.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;
import ai.hyperware.ext.support.AcmeJars;
import ai.hyperware.ext.support.ExtJar;

/**
 * {@code java -Dloader.path=DIR -jar target/ext.jar} serves the handlers of the jars in DIR, built here from source
 * in packages outside {@code ai.hyperware.ext}; what it cannot serve it reports, and what must not be served as it
 * is stops the start-up, naming the jar. Runs in {@code verify}, after {@code package}.
 */
class HandlerJarIT {

    private static final String PROCESS = "ext:ext:test.os";

    private final NodeSimulator node = NodeSimulator.builder().process(PROCESS).build().start();
    private ExtJar extension;

    @TempDir
    Path handlers;

    @AfterEach
    void stop() throws Exception {
        if (extension != null) {
            extension.close();
        }
        node.close();
    }

    private ExtJar start() {
        return start(handlers);
    }

    private ExtJar start(Path loaderPath) {
        extension = ExtJar.start(List.of("-Dloader.path=" + loaderPath), List.of(
                "--hyperware.extension.node-url=ws://127.0.0.1:" + node.port(),
                "--hyperware.extension.process=" + PROCESS, "--server.port=0"));
        return extension;
    }

    /** One start for what a served directory shows: each start of ext.jar costs seconds of CI. */
    @Test
    void servesTheJarsHandlersWithTheirDependencyNamesTheJarAndWarnsAboutWhatItCannotServe() throws Exception {
        AcmeJars.handlers(handlers, AcmeJars.text(handlers));
        start();
        assertThat(node.awaitConnection(Duration.ofSeconds(60))).as("connected; log:%n%s", extension.log()).isTrue();

        SimulatedReply reply = node.request(RustEnumValue.of("Shout", new RustSerdeMapper().write("hello"))
                .toBytes()).get(30, TimeUnit.SECONDS);
        SimulatedReply lost = node.request(RustEnumValue.unit("Lost").toBytes()).get(30, TimeUnit.SECONDS);

        assertThat(reply.render()).isEqualTo("{\"Ok\":\"HELLO!\"}");
        assertThat(lost.errMessage()).as("NotABean's handler is not served").contains("no handler");
        assertThat(extension.log())
                .contains("Handler jar acme-handlers.jar (" + handlers + "): 1 component(s) "
                        + "[com.acme.handlers.AcmeHandlers]")
                .contains("Shout -> com.acme.handlers.AcmeHandlers#shout (acme-handlers.jar)")
                .contains("WARN").contains("Handler jar acme-text.jar has no @ExtensionHandler method")
                .contains("com.acme.handlers.NotABean in acme-handlers.jar has @ExtensionHandler methods but is "
                        + "not a Spring bean, so they are not served: annotate it with @Component");
    }

    @Test
    void aFileThatIsNotAJarStopsTheStartUp() throws Exception {
        AcmeJars.handlers(handlers, AcmeJars.text(handlers));
        Files.writeString(handlers.resolve("notes.txt"), "handlers go here");

        assertThat(start().awaitExit()).isNotZero();
        assertThat(extension.log()).contains("notes.txt in the handler directory " + handlers + " is not a jar");
    }

    @Test
    void aFileNamedJarThatIsNoJarStopsTheStartUp() throws Exception {
        Files.writeString(handlers.resolve("broken.jar"), "not a zip");

        assertThat(start().awaitExit()).isNotZero();
        assertThat(extension.log()).contains("broken.jar in the handler directory " + handlers
                + " is named .jar but is not a jar (zip) file");
    }

    @Test
    void aMissingDependencyStopsTheStartUpNamingTheJar() throws Exception {
        Path elsewhere = Files.createTempDirectory("acme-text-");
        AcmeJars.handlers(handlers, AcmeJars.text(elsewhere)); // compiled against acme-text.jar, deployed without it

        assertThat(start().awaitExit()).isNotZero();
        assertThat(extension.log()).contains("com.acme.handlers.AcmeHandlers in acme-handlers.jar needs "
                + "com.acme.text.Shouter, which no jar on the class path holds: put the jar that has it into "
                + handlers);
    }

    @Test
    void theSameVariantInTwoJarsStopsTheStartUpNamingBoth() throws Exception {
        AcmeJars.handlers(handlers, AcmeJars.text(handlers));
        AcmeJars.other(handlers);

        assertThat(start().awaitExit()).isNotZero();
        assertThat(extension.log()).contains("variant \"Shout\" has two handlers")
                .containsPattern("from (acme|other)-handlers\\.jar, .* from (acme|other)-handlers\\.jar");
    }

    @Test
    void aMissingHandlerDirectoryStopsTheStartUp() throws Exception {
        Path missing = handlers.resolve("nowhere");

        assertThat(start(missing).awaitExit()).isNotZero();
        assertThat(extension.log()).contains("loader.path names " + missing + ", which does not exist");
    }
}
