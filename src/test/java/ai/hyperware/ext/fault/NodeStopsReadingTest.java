package ai.hyperware.ext.fault;

import static org.assertj.core.api.Assertions.assertThat;

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
import ai.hyperware.ext.connection.ReplyOutbox;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.support.SimulatedNode;

/**
 * A node that stops reading for less than {@code limits.send-timeout} (here set far beyond the test, so the stall
 * ends only when the test ends it): the extension keeps reading and answering; the replies it cannot write wait in
 * the outbox, and once more than {@code limits.max-unsent-bytes} wait, new requests are refused with an {@code Err}
 * instead of being accepted; no reply it accepted is dropped, and when the node reads again every request has its
 * answer, on the same connection. For a stall past the send timeout, see {@link NodeStopsReadingPastSendTimeoutTest}.
 */
@SpringBootTest(classes = {ExtensionApplication.class, FaultHandlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {LargeReplyFlood.MAX_UNSENT_PROPERTY, "hyperware.extension.limits.send-timeout=10m"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class NodeStopsReadingTest {

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
    Tally tally;

    @AfterEach
    void nodeReadsAgain() {
        node.resumeReading();
    }

    @Test
    void pastTheUnsentBoundNewRequestsAreRefusedAndNoAcceptedReplyIsDropped(CapturedOutput output)
            throws Exception {
        int connections = node.connections();
        node.pauseReading();

        LargeReplyFlood flood;
        try (PeakWatch waiting = PeakWatch.of(outbox::bytes)) {
            flood = LargeReplyFlood.send(node, mapper, tally);
            // each request met the check with the replies before it waiting, but for the one whose answer had been
            // counted and not yet queued: two replies past the bound at most, and the refusals (tens of bytes each)
            assertThat(waiting.peak()).as("reply bytes waiting in the outbox")
                    .isLessThanOrEqualTo(LargeReplyFlood.MAX_UNSENT_BYTES + 2L * LargeReplyFlood.REPLY_BYTES + 65536);
        }
        assertThat(flood.delivered()).as("replies read by a node that does not read").isZero();
        assertThat(flood.refused()).as("requests refused past the unsent bound").isPositive();
        assertThat(flood.dropped()).as("frames dropped while connected").isZero();

        node.resumeReading();
        flood.assertEveryRequestWasAnsweredAndNoneDropped();
        assertThat(node.connections()).as("the same connection throughout").isEqualTo(connections);
        assertThat(node.request(RustEnumValue.unit("Ping").toBytes()).get(30, TimeUnit.SECONDS).isOk()).isTrue();
    }
}
