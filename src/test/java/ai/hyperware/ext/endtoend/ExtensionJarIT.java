package ai.hyperware.ext.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
