package ai.hyperware.ext.strictnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.connection.ConnectionState;
import ai.hyperware.ext.connection.ConnectionStatus;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.support.RawNode;

/**
 * Control frames a node may send, which RFC 6455 allows anywhere, even between the fragments of a message: a ping
 * is answered with a pong carrying its payload (masked, as every client frame), an unsolicited pong is ignored, and
 * neither disturbs the message around it or the connection; nor does a request that arrives a byte at a time. The
 * strict parser checks every byte the extension writes.
 */
@SpringBootTest(classes = ExtensionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ControlFramesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] PING_REQUEST = RustEnumValue.unit("Ping").toBytes();

    @RegisterExtension
    static final RawNode node = RawNode.start();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        node.pointExtensionAt(registry);
    }

    @Autowired
    ConnectionStatus status;

    @Test
    void aPingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
        RawNode.Connection connection = connection();
        int before = connection.pongs().size(); // the tests share the connection
        connection.sendRaw(frame(0x89, "are you there".getBytes(StandardCharsets.US_ASCII)));
        connection.sendRaw(frame(0x89, new byte[0]));

        await("two pongs").atMost(WAIT).until(() -> connection.pongs().size() >= before + 2);
        assertThat(new String(connection.pongs().get(before), StandardCharsets.US_ASCII)).isEqualTo("are you there");
        assertThat(connection.pongs().get(before + 1)).isEmpty();
        assertThat(connection.pongs()).as("one pong per ping").hasSize(before + 2);
        stillServes(connection);
    }

    @Test
    void aPingBetweenTheFragmentsOfARequestIsAnsweredAndTheRequestServed() throws Exception {
        RawNode.Connection connection = connection();
        int pongsBefore = connection.pongs().size(); // the tests share the connection
        long id = 0x8000_0000_0000_0007L;
        byte[] request = RawNode.request(id, PING_REQUEST);
        int half = request.length / 2;
        connection.sendRaw(concat(frame(0x02, Arrays.copyOfRange(request, 0, half)), // binary, FIN clear
                frame(0x89, "mid".getBytes(StandardCharsets.US_ASCII)),
                frame(0x80, Arrays.copyOfRange(request, half, request.length)))); // continuation, FIN set

        await("the fragmented request answered").atMost(WAIT).until(() -> node.repliesById().containsKey(id));
        await("the ping between its fragments answered").atMost(WAIT)
                .until(() -> connection.pongs().size() > pongsBefore);
        assertThat(new String(connection.pongs().get(pongsBefore), StandardCharsets.US_ASCII)).isEqualTo("mid");
        assertThat(node.repliesById().get(id)).hasValue(1);
        stillServes(connection);
    }

    @Test
    void aRequestThatArrivesOneByteAtATimeIsServed() throws Exception {
        RawNode.Connection connection = connection();
        long id = 0xffff_ffff_ffff_fffeL;
        byte[] wire = frame(0x82, RawNode.request(id, PING_REQUEST));
        for (byte b : wire) {
            connection.sendRaw(new byte[] {b}); // one flush, and so most likely one TCP segment, per byte
        }
        await("the request answered").atMost(WAIT).until(() -> node.repliesById().containsKey(id));
        assertThat(node.repliesById().get(id)).hasValue(1);
        stillServes(connection);
    }

    @Test
    void anUnsolicitedPongIsIgnored() throws Exception {
        RawNode.Connection connection = connection();
        connection.sendRaw(frame(0x8a, "unasked".getBytes(StandardCharsets.US_ASCII)));
        stillServes(connection);
    }

    private RawNode.Connection connection() throws Exception {
        await().atMost(WAIT).until(() -> status.snapshot().state() == ConnectionState.CONNECTED
                && node.connections().stream().anyMatch(c -> !c.ended()));
        return node.connections().stream().filter(c -> !c.ended()).reduce((a, b) -> b).orElseThrow();
    }

    /** The same connection still serves, nothing the extension wrote broke the protocol, and it sent no close. */
    private static void stillServes(RawNode.Connection connection) throws IOException {
        Pings.assertServed(node, connection);
        assertThat(connection.ended()).as("the connection is still open").isFalse();
        assertThat(connection.closeCodes()).as("close frames from the extension").isEmpty();
        assertThat(connection.violations()).as("what the extension wrote").isEmpty();
        assertThat(node.unparseable()).as("replies the node could not parse").isZero();
    }

    private static byte[] frame(int b0, byte[] payload) {
        return concat(RawNode.header(b0, payload.length), payload);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
