package ai.hyperware.ext.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.connection.ConnectionState;
import ai.hyperware.ext.connection.ConnectionStatus;
import ai.hyperware.ext.connection.ReplyOutbox;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.support.SimulatedNode;

/**
 * A node that stops reading for longer than {@code limits.send-timeout}: the extension notices that its writes make
 * no progress, says why and closes the session, and the replies it could not finish go out again on the next
 * connection with the others; {@link NodeStopsReadingTest} covers the refusals past the unsent bound.
 *
 * <p>The node refuses the extension's reconnects until the test has let it read what was already written to the
 * stalled connection, so that every reply the extension wrote can be accounted for: TCP cannot tell the writer
 * which bytes a peer read before the connection went, and a real node that never reads them again loses them.
 */
@SpringBootTest(classes = {ExtensionApplication.class, FaultHandlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"hyperware.extension.limits.send-timeout=2s", LargeReplyFlood.MAX_UNSENT_PROPERTY,
            "hyperware.extension.reconnect.initial-delay=50ms", "hyperware.extension.reconnect.max-delay=200ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class NodeStopsReadingPastSendTimeoutTest {

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder());
    private static final NodeSimulator node = simulated.simulator();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry);
    }

    @Autowired
    RustSerdeMapper mapper;

    @Autowired
    ReplyOutbox outbox;

    @Autowired
    ConnectionStatus status;

    @Autowired
    Tally tally;

    @AfterEach
    void nodeBackToNormal() {
        node.resumeReading();
        node.acceptHandshakes();
    }

    @Test
    void theStalledSessionIsClosedWithAReasonAndEveryUnsentReplyGoesOutOnTheNextConnection(CapturedOutput output)
            throws Exception {
        int connections = node.connections();
        node.pauseReading();
        node.refuseHandshakes(503);

        LargeReplyFlood flood = LargeReplyFlood.send(node, mapper, tally);
        await("the send timeout noticed").atMost(Duration.ofSeconds(30))
                .until(() -> output.getOut().contains("the node has stopped reading from the extension"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status.snapshot().state() != ConnectionState.CONNECTED);
        assertThat(output.getOut()).contains("closing the session to reconnect, unsent replies are kept")
                .contains("hyperware.extension.limits.send-timeout");

        node.resumeReading(); // the node drains what reached the stalled connection, then sees it closed
        await("the stalled connection drained").atMost(Duration.ofSeconds(30)).until(() -> !node.isConnected());
        node.acceptHandshakes();
        flood.assertEveryRequestWasAnsweredAndNoneDropped();
        assertThat(node.connections()).as("the extension reconnected").isGreaterThan(connections);
        assertThat(outbox.size()).isZero();
        assertThat(node.request(RustEnumValue.unit("Ping").toBytes()).get(30, TimeUnit.SECONDS).isOk()).isTrue();
    }
}
