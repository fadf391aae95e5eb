package ai.hyperware.ext.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.connection.DropReason;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;
import ai.hyperware.ext.support.SimulatedNode;

/**
 * Thousands of damaged frames over the real WebSocket (see {@link FuzzCases}): nothing escapes the read path. Each
 * frame whose id survived the damage is answered with that id; every other message is answered or dropped and
 * counted, one or the other; every reply is one the node can parse; the connection is the same one at the end, and
 * a Ping still works. BadInputEndToEndTest sends hand-made hostile frames and plain garbage; this adds frames that
 * reach the binding of real handler parameter types, and the accounting of every message.
 *
 * <p>The cases come from one seed, printed with every failure; rerun with {@code -Dfault.fuzz.seed=<seed>} to replay.
 */
@SpringBootTest(classes = {ExtensionApplication.class, FaultHandlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        // each damaged frame is logged at WARN; thousands of those lines would only bury a failure
        properties = {"logging.level.ai.hyperware.ext.connection.InboundFrameProcessor=ERROR",
            "logging.level.ai.hyperware.ext.handler.RequestDispatcher=ERROR"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FuzzedFramesTest {

    private static final long SEED = Long.getLong("fault.fuzz.seed", 0x5eed_2026_1126L);
    private static final int CASES = 4000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder().requestTimeout(WAIT.multipliedBy(2)));
    private static final NodeSimulator node = simulated.simulator();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry);
    }

    @Autowired
    FaultHandlers.Handlers handlers;

    @Autowired
    RustSerdeMapper mapper;

    @Autowired
    Tally tally;

    @BeforeEach
    void noHandlerWaits() {
        handlers.openGate(); // should damage ever spell "Gated"
    }

    @Test
    void everyDamagedFrameIsAnsweredWithItsIdOrDroppedAndCountedOnTheSameConnection() throws Exception {
        int connections = node.connections();
        long lateBefore = node.lateReplies();
        int pushesBefore = node.pushes().size();
        long dropsBefore = tally.drops(DropReason.UNREADABLE_INBOUND);
        long unparseableBefore = node.unparseableReplies();
        FuzzCases cases = new FuzzCases(mapper, SEED);
        Map<Long, CompletableFuture<SimulatedReply>> expected = new LinkedHashMap<>();
        List<FuzzCases.Case> sent = new ArrayList<>();

        for (int i = 0; i < CASES; i++) {
            FuzzCases.Case fuzzCase = cases.next();
            if (fuzzCase.expectedId() != null) {
                expected.put(fuzzCase.expectedId(), node.expectReply(fuzzCase.expectedId()));
            }
            node.sendRaw(fuzzCase.message());
            sent.add(fuzzCase);
        }

        // every message ends as exactly one of: the reply its id awaited, a reply to some other id (the damage
        // changed it: a late reply or a push for the node), or a drop the extension counted
        await().atMost(WAIT).untilAsserted(() -> assertThat(answered(expected) + (node.lateReplies() - lateBefore)
                + (node.pushes().size() - pushesBefore) + (tally.drops(DropReason.UNREADABLE_INBOUND) - dropsBefore))
                .as("messages accounted for (seed %d; unanswered: %s)", SEED, unanswered(expected, sent))
                .isEqualTo(CASES));
        for (Map.Entry<Long, CompletableFuture<SimulatedReply>> entry : expected.entrySet()) {
            assertThat(entry.getValue().join().frame().id()).as("seed %d", SEED).isEqualTo(entry.getKey());
        }
        assertThat(node.unparseableReplies() - unparseableBefore).as("replies the node could not parse (seed %d): %s",
                SEED, node.recentUnparseable()).isZero();
        assertThat(node.connections()).as("the same connection throughout").isEqualTo(connections);
        assertThat(node.request(RustEnumValue.unit("Ping").toBytes()).get(30, TimeUnit.SECONDS).isOk()).isTrue();
        System.out.printf("fuzzed frames (seed %d): %d sent, %d answered with their id, %d dropped as unreadable%n",
                SEED, CASES, expected.size(), tally.drops(DropReason.UNREADABLE_INBOUND) - dropsBefore);
    }

    private static long answered(Map<Long, CompletableFuture<SimulatedReply>> expected) {
        return expected.values().stream().filter(reply -> reply.isDone() && !reply.isCompletedExceptionally()).count();
    }

    private static List<FuzzCases.Case> unanswered(Map<Long, CompletableFuture<SimulatedReply>> expected,
            List<FuzzCases.Case> sent) {
        return sent.stream().filter(c -> c.expectedId() != null && !expected.get(c.expectedId()).isDone()).limit(5)
                .toList();
    }
}
