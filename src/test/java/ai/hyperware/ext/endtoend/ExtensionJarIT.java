package ai.hyperware.ext.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.support.ExtJar;

/**
 * The packaged {@code target/ext.jar}, started as a user starts it, connects to a node at the address it is given
 * and serves Ping and Echo. Runs in {@code verify}, after {@code package}.
 */
class ExtensionJarIT {

    private static final HexFormat HEX = HexFormat.of();
    /** The request blob {@code "Ping"}, as the node encodes it. */
    private static final byte[] PING = HEX.parseHex("a450696e67");
    private final NodeSimulator node = NodeSimulator.builder().process("ext:ext:test.os").build().start();
    private ExtJar extension;

    @AfterEach
    void stop() throws Exception {
        if (extension != null) {
            extension.close();
        }
        node.close();
    }

    private void startJar() {
        extension = ExtJar.start(List.of(), List.of("--hyperware.extension.node-url=ws://127.0.0.1:" + node.port(),
                "--hyperware.extension.process=ext:ext:test.os", "--server.port=0"));
        assertThat(node.awaitConnection(Duration.ofSeconds(60)))
                .as("the jar connected; its log:%n%s", extension.log()).isTrue();
    }

    /** Runs the jar to its end with {@code arguments}; returns its exit code, standard output and standard error. */
    private static String[] runToExit(String... arguments) throws Exception {
        Path out = Files.createTempFile("ext-jar-out", ".txt");
        Path err = Files.createTempFile("ext-jar-err", ".txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", Path.of("target", "ext.jar").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the jar did not exit in contract mode; its output: " + Files.readString(out));
        }
        return new String[] {String.valueOf(process.exitValue()), Files.readString(out), Files.readString(err)};
    }

    @Test
    void contractModePrintsTheRustModuleAndExitsWithoutANodeOrAProcess() throws Exception {
        String[] run = runToExit("--hyperware.extension.contract=rust");
        assertThat(run[0]).as("exit code; stderr: %s", run[2]).isEqualTo("0");
        assertThat(run[1]).as("standard output is the module alone").startsWith("//! The requests and replies")
                .contains("generated from its handlers by hyperware-ext 0.1.0")
                .contains("pub enum Request {").contains("    Echo(Value),").contains("    Ping,")
                .doesNotContain("INFO").doesNotContain("Tomcat");
        assertThat(node.connections()).as("nothing connected to the node").isZero();
    }

    @Test
    void contractModeWithTheDemoProfilePrintsTheDemosModule() throws Exception {
        String[] run = runToExit("--spring.profiles.active=demo", "--hyperware.extension.contract=rust");
        assertThat(run[0]).as("exit code; stderr: %s", run[2]).isEqualTo("0");
        assertThat(run[1]).contains("    Add {\n        a: i64,\n        b: i64,\n    },")
                .contains("pub struct Digest {\n    pub length: u64,")
                .doesNotContain("Demo done");
        String[] json = runToExit("--spring.profiles.active=demo", "--hyperware.extension.contract=json");
        assertThat(json[0]).isEqualTo("0");
        assertThat(json[1]).startsWith("{").contains("\"name\" : \"Divide\"");
    }

    @Test
    void packagedJarConnectsAndServesPingAndEcho() throws Exception {
        startJar();
        assertThat(HEX.formatHex(node.request(PING).get(30, TimeUnit.SECONDS).frame().blob()))
                .isEqualTo("81a24f6ba4506f6e67");
        assertThat(HEX.formatHex(node.request(HEX.parseHex("81a44563686f9201ccc8")).get(30, TimeUnit.SECONDS)
                .frame().blob())).isEqualTo("81a24f6b9201ccc8");
    }

    @Test
    void sigtermShutsDownGracefullyAndClosesWithGoingAway() throws Exception {
        startJar();
        // The node sees the handshake complete before the jar does; a served Ping proves the jar's side is connected
        // too, so the stop below meets an established session rather than one still opening.
        assertThat(node.request(PING).get(30, TimeUnit.SECONDS).isOk()).isTrue();
        extension.terminate(); // SIGTERM, as docker stop and Kubernetes send it
        extension.awaitExit();
        String output = extension.log();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(node.closeCodes())
                .as("close codes; the jar's log:%n%s", output).containsExactly(1001));
        assertThat(output).contains("Shutting down: refusing new requests").contains("Disconnected from the node")
                .doesNotContain("Exception");
    }
}
