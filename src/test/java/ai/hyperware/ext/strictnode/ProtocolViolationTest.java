package ai.hyperware.ext.strictnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.connection.ConnectionState;
import ai.hyperware.ext.connection.ConnectionStatus;
import ai.hyperware.ext.support.RawNode;

/**
 * Frames from the node that break RFC 6455: each fails the connection with a close frame carrying 1002 (Protocol
 * Error), the TCP connection is closed, and the extension reconnects and serves on the new session. Under Tomcat's
 * client the two malformed close frames left the session dead, unnoticed, with health UP.
 */
@SpringBootTest(classes = ExtensionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"hyperware.extension.reconnect.initial-delay=50ms",
            "hyperware.extension.reconnect.max-delay=200ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ProtocolViolationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HexFormat HEX = HexFormat.of();

    @RegisterExtension
    static final RawNode node = RawNode.start();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        node.pointExtensionAt(registry);
    }

    @Autowired
    ConnectionStatus status;

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("a close frame with a 1-byte payload", "880103"),
                Arguments.of("a close reason that is not UTF-8", "880403e8c328"),
                Arguments.of("close code 1005, which may not be sent", "880203ed"),
                Arguments.of("close code 999", "880203e7"),
                Arguments.of("a data frame with RSV1 set", "c200"),
                Arguments.of("reserved opcode 3", "8300"),
                Arguments.of("reserved control opcode 11", "8b00"),
                Arguments.of("a masked frame from the server", "828101020304ff"),
                Arguments.of("a fragmented ping", "0900"),
                Arguments.of("a ping of 126 bytes", "897e007e" + "00".repeat(126)),
                Arguments.of("a continuation frame with no message to continue", "8000"),
                Arguments.of("a 16-bit length for 5 bytes", "827e00050102030405"),
                Arguments.of("a binary frame inside a fragmented one", "020100" + "82020102"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void aViolationFailsTheConnectionWith1002AndTheNextSessionServes(String what, String hex) throws Exception {
        RawNode.Connection connection = currentConnection();
        int connections = node.connections().size();
        connection.sendRaw(HEX.parseHex(hex));

        await(what + ": the extension closed the TCP connection").atMost(WAIT).until(connection::ended);
        assertThat(connection.closeCodes()).as("close codes the extension sent").containsExactly(1002);
        assertThat(connection.violations()).as("what the extension wrote").isEmpty();
        servedOnANewConnection(connections);
    }

    @Test
    void aTextMessageThatIsNotUtf8FailsTheConnectionWith1007() throws Exception {
        RawNode.Connection connection = currentConnection();
        int connections = node.connections().size();
        connection.sendRaw(HEX.parseHex("8102c328"));

        await().atMost(WAIT).until(connection::ended);
        assertThat(connection.closeCodes()).containsExactly(1007);
        servedOnANewConnection(connections);
    }

    @Test
    void aCloseWithServiceRestartIsAnsweredWithTheSameCode() throws Exception {
        RawNode.Connection connection = currentConnection();
        int connections = node.connections().size();
        connection.sendRaw(HEX.parseHex("880203f4")); // 1012 Service Restart

        await().atMost(WAIT).until(connection::ended);
        assertThat(connection.closeCodes()).as("the close answered with the node's code").containsExactly(1012);
        servedOnANewConnection(connections);
    }

    @Test
    void aBareFinIsNotAnsweredWithAProtocolError() throws Exception {
        RawNode.Connection connection = currentConnection();
        int connections = node.connections().size();
        connection.shutdownOutput();

        await().atMost(WAIT).until(connection::ended);
        assertThat(connection.closeCodes()).as("close frames sent after the node's FIN").isEmpty();
        servedOnANewConnection(connections);
    }

    /** The connection the extension has open now (waiting for one if the previous test ended it). */
    private RawNode.Connection currentConnection() throws Exception {
        await().atMost(WAIT).until(() -> status.snapshot().state() == ConnectionState.CONNECTED
                && node.connections().stream().anyMatch(c -> !c.ended()));
        RawNode.Connection open = node.connections().stream().filter(c -> !c.ended()).reduce((a, b) -> b)
                .orElseThrow();
        Pings.assertServed(node, open);
        return open;
    }

    private void servedOnANewConnection(int before) throws IOException {
        await("a new connection").atMost(WAIT).until(() -> node.connections().size() > before
                && status.snapshot().state() == ConnectionState.CONNECTED);
        RawNode.Connection next = node.connections().get(node.connections().size() - 1);
        Pings.assertServed(node, next);
    }
}
