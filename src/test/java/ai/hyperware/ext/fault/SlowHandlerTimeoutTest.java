package ai.hyperware.ext.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
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
import ai.hyperware.ext.handler.Outcome;
import ai.hyperware.ext.handler.RequestDispatcher;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;
import ai.hyperware.ext.support.SimulatedNode;

/**
 * Handlers that block past {@code handler-timeout} (300 ms here: configuration, not a measurement) while holding
 * every slot and every handler thread: each request is answered with an {@code Err} naming the timeout, its slot and
 * its thread are given back, and the requests after them are served as if nothing had happened.
 */
@SpringBootTest(classes = {ExtensionApplication.class, FaultHandlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"hyperware.extension.handler-timeout=300ms", "hyperware.extension.max-in-flight=4",
            "hyperware.extension.handler-threads=4"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class SlowHandlerTimeoutTest {

    private static final int SLOTS = 4;

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

    @AfterAll
    static void releaseAnyStall(@Autowired FaultHandlers.Handlers handlers) {
        handlers.releaseStalls();
    }

    @Test
    void blockedHandlersGetAnErrNamingTheTimeoutAndGiveBackEverySlotAndThread(CapturedOutput output)
            throws Exception {
        long timeoutsBefore = tally.answers(Outcome.TIMEOUT);
        List<CompletableFuture<SimulatedReply>> stalled = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            stalled.add(node.request(RustEnumValue.unit("Stall").toBytes()));
        }

        for (CompletableFuture<SimulatedReply> reply : stalled) {
            SimulatedReply answer = reply.get(30, TimeUnit.SECONDS);
            assertThat(answer.isErr()).as(answer.render()).isTrue();
            assertThat(answer.errMessage()).isEqualTo("handler Stall timed out after 300 ms");
            assertThat(output.getOut()).contains("did not answer request id=" + answer.frame().idString());
        }
        // the extension counts a reply after sending it, so the count may trail the replies by a moment
        await().atMost(Duration.ofSeconds(30)).until(() -> tally.answers(Outcome.TIMEOUT) - timeoutsBefore == SLOTS);
        assertThat(dispatcher.inFlight()).as("slots still held").isZero();
        await("every blocked handler thread interrupted").atMost(Duration.ofSeconds(30))
                .until(() -> handlers.stallsInterrupted() == SLOTS);

        // as many at once as there are slots and threads: any one still held would show as an Err
        List<CompletableFuture<SimulatedReply>> next = new ArrayList<>();
        for (long i = 0; i < SLOTS; i++) {
            next.add(node.request(RustEnumValue.of("Now", mapper.write(i)).toBytes()));
        }
        for (int i = 0; i < SLOTS; i++) {
            SimulatedReply answer = next.get(i).get(30, TimeUnit.SECONDS);
            assertThat(answer.isOk()).as(answer.render()).isTrue();
            assertThat(mapper.read(answer.okValue(), Long.class)).isEqualTo(i);
        }
    }
}
