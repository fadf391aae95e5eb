package ai.hyperware.ext.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.support.SimulatedNode;
import ai.hyperware.ext.simulator.SimulatedReply;

/** Garbage from the node is answered or dropped; the connection stays up and keeps serving. */
@SpringBootTest(classes = {ExtensionApplication.class, TestHandlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BadInputEndToEndTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String ENVELOPE = "81b4576562536f636b65744578745075736844617461";

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder());
    private static final NodeSimulator node = simulated.simulator();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry);
    }

    /** The connection still serves, and it is the same connection as before the garbage. */
    private void stillServingOnTheSameConnection(int connectionsBefore) throws Exception {
        SimulatedReply pong = node.request(RustEnumValue.unit("Ping").toBytes()).get(30, TimeUnit.SECONDS);
        assertThat(pong.isOk()).isTrue();
        assertThat(node.connections()).as("no reconnect happened").isEqualTo(connectionsBefore);
    }

    @Test
    void randomBytesAreDroppedAndTheConnectionStays() throws Exception {
        int connections = node.connections();
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] garbage = new byte[1 + random.nextInt(300)];
            random.nextBytes(garbage);
            node.sendRaw(garbage);
        }
        stillServingOnTheSameConnection(connections);
    }

    @Test
    void textFramesAreDroppedAndTheConnectionStays() throws Exception {
        int connections = node.connections();
        node.sendText("{\"WebSocketExtPushData\": \"not binary\"}");
        stillServingOnTheSameConnection(connections);
    }

    @Test
    void arrayHeaderClaimingFourBillionBlobBytesGetsAnErrWithItsId() throws Exception {
        int connections = node.connections();
        CompletableFuture<SimulatedReply> reply = node.expectReply(4242);
        node.sendRaw(HEX.parseHex(ENVELOPE + "93cd1092a8526573706f6e7365ddfffffff001"));
        SimulatedReply answered = reply.get(30, TimeUnit.SECONDS);
        assertThat(answered.isErr()).isTrue();
        assertThat(answered.errMessage()).startsWith("malformed frame");
        stillServingOnTheSameConnection(connections);
    }

    @Test
    void blobWithHostileInnerHeadersGetsAnErrWithItsId() throws Exception {
        int connections = node.connections();
        // {"Echo": <str of 4 GB>} inside a well-formed frame
        SimulatedReply reply = node.request(HEX.parseHex("81a44563686fdbfffffff0")).get(30, TimeUnit.SECONDS);
        assertThat(reply.isErr()).isTrue();
        stillServingOnTheSameConnection(connections);
    }

    @Test
    void truncatedFramesWithAnIdGetAnErrAndWithoutOneAreDropped() throws Exception {
        int connections = node.connections();
        CompletableFuture<SimulatedReply> reply = node.expectReply(3);
        node.sendRaw(HEX.parseHex(ENVELOPE + "83a2696403b6" + HEX.formatHex("hyperware_message_type".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)) + "a8526573"));
        assertThat(reply.get(30, TimeUnit.SECONDS).isErr()).isTrue();
        node.sendRaw(HEX.parseHex(ENVELOPE));
        stillServingOnTheSameConnection(connections);
    }
}
