package ai.hyperware.ext.fault;

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
import ai.hyperware.ext.handler.Outcome;
import ai.hyperware.ext.handler.RequestDispatcher;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;
import ai.hyperware.ext.support.SimulatedNode;

/**
 * More requests than {@code max-in-flight} while every slot is held by a handler waiting at a gate: the extra ones
 * are refused at once with an {@code Err} (they are answered while the gate is still shut, so the extension went on
 * reading), and once the gate opens the held requests finish and new ones are served.
 *
 * <p>The built-in {@code Ping} passes through the same limit: a saturated extension answers it with the same
 * {@code Err}, so a node-side health check sees the overload.
 */
@SpringBootTest(classes = {ExtensionApplication.class, FaultHandlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"hyperware.extension.max-in-flight=" + OverloadTest.SLOTS,
            "hyperware.extension.handler-timeout=5m"}) // the gate, not the clock, ends a held request
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OverloadTest {

    static final int SLOTS = 4;
    private static final int EXTRA = 1000;
    private static final String OVERLOADED = "extension overloaded: " + SLOTS + " requests already in flight";

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder());
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
    RustSerdeMapper mapper;

    @Autowired
    Tally tally;

    @AfterEach
    void openTheGate() {
        handlers.openGate();
    }

    private CompletableFuture<SimulatedReply> request(String variant, long value) throws Exception {
        return node.request(RustEnumValue.of(variant, mapper.write(value)).toBytes());
    }

    @Test
    void requestsPastTheLimitAreRefusedAtOnceWhileReadingGoesOnAndServiceResumesWhenSlotsFree() throws Exception {
        long overloadedBefore = tally.answers(Outcome.OVERLOADED);
        handlers.closeGate();
        List<CompletableFuture<SimulatedReply>> held = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            held.add(request("Gated", i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.inFlight() == SLOTS);

        List<CompletableFuture<SimulatedReply>> refused = new ArrayList<>();
        for (int i = 0; i < EXTRA; i++) {
            refused.add(request("Gated", SLOTS + i));
        }
        refused.add(node.request(RustEnumValue.unit("Ping").toBytes()));
        for (CompletableFuture<SimulatedReply> reply : refused) {
            SimulatedReply answer = reply.get(30, TimeUnit.SECONDS);
            assertThat(answer.isErr()).as(answer.render()).isTrue();
            assertThat(answer.errMessage()).isEqualTo(OVERLOADED);
        }
        assertThat(held).as("the held requests wait at the gate").noneMatch(CompletableFuture::isDone);
        // the extension counts a reply after sending it, so the count may trail the replies by a moment
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tally.answers(Outcome.OVERLOADED) - overloadedBefore == EXTRA + 1);

        handlers.openGate();
        for (int i = 0; i < SLOTS; i++) {
            assertThat(mapper.read(held.get(i).get(30, TimeUnit.SECONDS).okValue(), Long.class)).isEqualTo(i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.inFlight() == 0);
        handlers.closeGate(); // a full set of slots again, held at once: none may be refused
        List<CompletableFuture<SimulatedReply>> next = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            next.add(request("Gated", 100 + i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.inFlight() == SLOTS);
        handlers.openGate();
        for (int i = 0; i < SLOTS; i++) {
            assertThat(mapper.read(next.get(i).get(30, TimeUnit.SECONDS).okValue(), Long.class)).isEqualTo(100 + i);
        }
        assertThat(node.request(RustEnumValue.unit("Ping").toBytes()).get(30, TimeUnit.SECONDS).isOk()).isTrue();
    }
}
