package ai.hyperware.ext.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
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
import ai.hyperware.ext.connection.ReplyOutbox;
import ai.hyperware.ext.handler.RequestDispatcher;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.support.SimulatedNode;
import ai.hyperware.ext.simulator.SimulatedReply;

/** The connection heals itself, and replies completed while it was down are delivered after it comes back. */
@SpringBootTest(classes = {ExtensionApplication.class, TestHandlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"hyperware.extension.reconnect.initial-delay=50ms",
            "hyperware.extension.reconnect.max-delay=500ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReconnectEndToEndTest {

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder().keepRequestsOnStop(true));
    private static final NodeSimulator node = simulated.simulator();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry);
    }

    @Autowired
    RustSerdeMapper mapper;

    @Autowired
    RequestDispatcher dispatcher;

    @Autowired
    ReplyOutbox outbox;

    @Autowired
    ConnectionStatus status;

    @AfterEach
    void nodeBackUp() {
        TestHandlers.openGate();
        node.acceptHandshakes();
        node.start();
    }

    private byte[] gated(long value) throws Exception {
        return RustEnumValue.of("Gated", mapper.write(value)).toBytes();
    }

    /** Sends 200 requests that wait at the gate, and returns once the extension holds all of them. */
    private List<CompletableFuture<SimulatedReply>> twoHundredWaitingRequests() throws Exception {
        TestHandlers.closeGate();
        List<CompletableFuture<SimulatedReply>> replies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            replies.add(node.request(gated(i)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.inFlight() == 200);
        return replies;
    }

    /** With the node away: let the handlers finish, and check their replies are held, not lost. */
    private void completeWhileDisconnected() {
        assertThat(status.snapshot().state()).isNotEqualTo(ConnectionState.CONNECTED);
        TestHandlers.openGate();
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.inFlight() == 0);
        assertThat(outbox.size()).as("replies held while the node is away").isEqualTo(200);
    }

    private void assertAllAnswered(List<CompletableFuture<SimulatedReply>> replies) throws Exception {
        for (int i = 0; i < replies.size(); i++) {
            SimulatedReply reply = replies.get(i).get(30, TimeUnit.SECONDS);
            assertThat(mapper.read(reply.okValue(), Long.class)).isEqualTo((long) i);
        }
        assertThat(outbox.size()).isZero();
    }

    @Test
    void nodeStoppedMidLoadAndRestartedGetsEveryReplyCompletedInBetween() throws Exception {
        List<CompletableFuture<SimulatedReply>> replies = twoHundredWaitingRequests();

        node.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !status.snapshot().state().equals(ConnectionState.CONNECTED));
        completeWhileDisconnected();

        node.start();
        assertAllAnswered(replies);
    }

    @Test
    void connectionDroppedWithRepliesPendingDeliversThemAfterReconnecting() throws Exception {
        List<CompletableFuture<SimulatedReply>> replies = twoHundredWaitingRequests();
        int connections = node.connections();

        node.refuseHandshakes(503); // keep the extension out until the replies are held
        node.dropConnection();
        await().atMost(Duration.ofSeconds(30)).until(() -> !status.snapshot().state().equals(ConnectionState.CONNECTED));
        completeWhileDisconnected();

        node.acceptHandshakes();
        assertAllAnswered(replies);
        assertThat(node.connections()).as("the extension reconnected").isGreaterThan(connections);
    }

    @Test
    void refusedHandshakeIsExplainedAndRecoveredFromOnceTheNodeAccepts() throws Exception {
        node.refuseHandshakes(403);
        node.dropConnection();
        await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(status.snapshot().lastError())
                .contains("--expose-local"));
        assertThat(status.snapshot().lastError()).contains("HTTP 403").contains("auth-cookie");

        int connections = node.connections();
        node.acceptHandshakes();
        await().atMost(Duration.ofSeconds(30)).until(() -> node.connections() > connections);
        assertThat(node.request(RustEnumValue.unit("Ping").toBytes()).get(30, TimeUnit.SECONDS).isOk()).isTrue();
    }
}
