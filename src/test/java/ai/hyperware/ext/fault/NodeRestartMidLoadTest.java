package ai.hyperware.ext.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

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
import ai.hyperware.ext.connection.DropReason;
import ai.hyperware.ext.connection.ReplyOutbox;
import ai.hyperware.ext.handler.Outcome;
import ai.hyperware.ext.handler.RequestDispatcher;
import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.support.SimulatedNode;

/**
 * The node goes away while thousands of requests are pipelined, and comes back on the same port. Every request is
 * accounted for, by id: answered on the old connection, answered after the reconnect from the replies held
 * meanwhile, or dropped from the full outbox and counted by the extension, with reason; and on the node's side, the
 * requests it failed to write, or wrote but the extension never read, match what the extension saw.
 *
 * <p>ReconnectEndToEndTest covers the simpler case of 200 requests all read before the outage and all held; here
 * the outage cuts a burst in the middle and the outbox overflows ({@code reply-hold.max-count}). Replies wait at a
 * gate until the node is gone, so none is on the wire at the cut: a reply written to a socket that then dies is lost
 * in TCP, which neither side can count (README, "Failure behaviour").
 */
@SpringBootTest(classes = {ExtensionApplication.class, FaultHandlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"hyperware.extension.max-in-flight=5000", "hyperware.extension.handler-timeout=5m",
            "hyperware.extension.reply-hold.max-count=" + NodeRestartMidLoadTest.HELD,
            "hyperware.extension.reconnect.initial-delay=50ms", "hyperware.extension.reconnect.max-delay=500ms",
            // each dropped reply is logged at WARN; hundreds of those lines would only bury a failure
            "logging.level.ai.hyperware.ext.connection.ReplyOutbox=ERROR"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NodeRestartMidLoadTest {

    static final int HELD = 400;
    /**
     * A third answered at once, two thirds at the gate; all read before the outage. The immediate replies are
     * fewer than {@link #HELD}: the outbox is also the send queue, and a burst of replies larger than it could lose
     * its oldest even on a healthy connection. The gated ones are more, so that the outbox must overflow later.
     */
    private static final int FIRST_BURST = 900;
    /** All at the gate, sent as the node goes away. */
    private static final int SECOND_BURST = 1100;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder().keepRequestsOnStop(true)
            .requestTimeout(Duration.ofMinutes(5))); // the accounting below never waits for a request to time out
    private static final NodeSimulator node = simulated.simulator();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry);
    }

    @Autowired
    FaultHandlers.Handlers handlers;

    @Autowired
    RequestDispatcher dispatcher;

    @Autowired
    ReplyOutbox outbox;

    @Autowired
    ConnectionStatus status;

    @Autowired
    RustSerdeMapper mapper;

    @Autowired
    Tally tally;

    @AfterEach
    void nodeBackUp() {
        handlers.openGate();
        node.start();
    }

    private byte[] blob(String variant, long value) throws PayloadException {
        return RustEnumValue.of(variant, mapper.write(value)).toBytes();
    }

    @Test
    void everyRequestIsAnsweredBeforeOrAfterTheRestartOrCountedAsDropped() throws Exception {
        long dropsBefore = tally.dropsInAll();
        long okBefore = tally.answers(Outcome.OK);
        SentRequests sent = new SentRequests(node);
        Set<Long> immediate = new HashSet<>();
        handlers.closeGate();
        for (int i = 0; i < FIRST_BURST; i++) {
            long id = sent.send(blob(i % 3 == 0 ? "Now" : "Gated", i));
            if (i % 3 == 0) {
                immediate.add(id);
            }
        }
        await("the first burst read, its immediate requests answered").atMost(WAIT).untilAsserted(() -> {
            assertThat(handlers.seen()).as("requests read (given up by the node: %s)", sent.givenUp())
                    .hasSize(FIRST_BURST);
            assertThat(sent.answered()).as("immediate requests answered (%s)", tally).containsAll(immediate);
        });

        for (int i = 0; i < SECOND_BURST; i++) {
            sent.send(blob("Gated", FIRST_BURST + i));
        }
        node.stop(); // while the burst is still being written
        await().atMost(WAIT).until(() -> status.snapshot().state() != ConnectionState.CONNECTED);
        Set<Long> answeredBeforeTheStop = sent.answered();
        assertThat(answeredBeforeTheStop).as("answered on the old connection").isEqualTo(immediate);

        handlers.openGate(); // every request read completes while the node is away
        Set<Long> seen = Set.copyOf(handlers.seen());
        await("every request read answered").atMost(WAIT)
                .until(() -> tally.answers(Outcome.OK) - okBefore == seen.size());
        assertThat(dispatcher.inFlight()).isZero();
        int gatedSeen = seen.size() - immediate.size();
        assertThat(gatedSeen).as("gated requests read").isGreaterThan(HELD);
        assertThat(outbox.size()).as("replies held for the reconnect").isEqualTo(Math.min(gatedSeen, HELD));
        long dropped = tally.dropsInAll() - dropsBefore;
        assertThat(dropped).as("replies the full outbox dropped, counted").isEqualTo(gatedSeen - outbox.size());
        assertThat(tally.drops(DropReason.OUTBOX_FULL)).isGreaterThanOrEqualTo(dropped);

        node.start();
        await("the held replies delivered after the reconnect").atMost(WAIT)
                .until(() -> sent.answered().size() == immediate.size() + Math.min(gatedSeen, HELD));
        assertThat(outbox.size()).isZero();

        Set<Long> answered = sent.answered();
        Set<Long> givenUp = sent.givenUp();
        Set<Long> waiting = sent.waiting();
        assertThat(seen).as("every answered request was read by the extension").containsAll(answered);
        assertThat(givenUp).as("requests the node failed to write were never read").doesNotContainAnyElementsOf(seen);
        Set<Long> readButUnanswered = new HashSet<>(waiting);
        readButUnanswered.retainAll(seen);
        assertThat(readButUnanswered).as("requests read and not answered: exactly the counted drops")
                .hasSize((int) dropped);
        Set<Long> neverRead = new HashSet<>(waiting);
        neverRead.removeAll(seen);

        long deliveredAfterTheRestart = answered.size() - answeredBeforeTheStop.size();
        assertThat(sent.count()).as("sent = answered before + delivered after + dropped + never read by the "
                + "extension (not written: %d, written but unread: %d)", givenUp.size(), neverRead.size())
                .isEqualTo(answeredBeforeTheStop.size() + deliveredAfterTheRestart + dropped + givenUp.size()
                        + neverRead.size());
        System.out.printf("node restart mid-load: sent %d, answered before the stop %d, delivered after the restart "
                + "%d, dropped (counted) %d, not written by the node %d, written but never read %d%n", sent.count(),
                answeredBeforeTheStop.size(), deliveredAfterTheRestart, dropped, givenUp.size(), neverRead.size());
    }
}
