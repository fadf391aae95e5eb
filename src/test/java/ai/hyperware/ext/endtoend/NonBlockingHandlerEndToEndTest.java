package ai.hyperware.ext.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.connection.ConnectionState;
import ai.hyperware.ext.connection.ConnectionStatus;
import ai.hyperware.ext.connection.InFlightBudget;
import ai.hyperware.ext.connection.ReplyOutbox;
import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.handler.RequestDispatcher;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;
import ai.hyperware.ext.support.SimulatedNode;

/**
 * Non-blocking handlers run on the connection's I/O thread; one that runs long is reported once, by name; one that
 * holds the I/O thread past {@code limits.send-timeout} has its connection aborted, health goes DOWN, and the
 * extension reconnects on a new I/O thread and serves there while the stuck one still hangs.
 */
@SpringBootTest(classes = {ExtensionApplication.class, NonBlockingHandlerEndToEndTest.Handlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"hyperware.extension.limits.send-timeout=1s", "hyperware.extension.reconnect.initial-delay=50ms",
            "hyperware.extension.reconnect.max-delay=200ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class NonBlockingHandlerEndToEndTest {

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
    ConnectionStatus status;

    @Autowired
    Handlers handlers;

    @Autowired
    RequestDispatcher dispatcher;

    @Autowired
    InFlightBudget budget;

    @Autowired
    ReplyOutbox outbox;

    @TestConfiguration(proxyBeanMethods = false)
    static class Handlers {
        final CountDownLatch release = new CountDownLatch(1);

        @ExtensionHandler(value = "WhichThread", blocking = false)
        public String whichThread() {
            return Thread.currentThread().getName();
        }

        @ExtensionHandler("WhichPoolThread")
        public String whichPoolThread() {
            return Thread.currentThread().getName();
        }

        @ExtensionHandler(value = "Dawdle", blocking = false)
        public long dawdle(long millis) throws InterruptedException {
            Thread.sleep(millis); // what a non-blocking handler must never do
            return millis;
        }

        @ExtensionHandler(value = "InlineFails", blocking = false)
        public String inlineFails() {
            throw new IllegalStateException("inline failure");
        }

        @ExtensionHandler(value = "InlineError", blocking = false)
        public String inlineError() {
            throw new AssertionError("an Error, not an Exception");
        }

        @ExtensionHandler("PoolFails")
        public String poolFails() {
            throw new IllegalStateException("pool failure");
        }

        @ExtensionHandler("PoolError")
        public String poolError() {
            throw new AssertionError("an Error on the pool");
        }

        @ExtensionHandler(value = "Hang", blocking = false)
        public String hang() throws InterruptedException {
            release.await(); // holds the I/O thread until the test lets go
            return "released";
        }
    }

    @Test
    void aNonBlockingHandlerRunsOnTheIoThreadAndABlockingOneOnThePool() throws Exception {
        assertThat(text(call(RustEnumValue.unit("WhichThread")))).startsWith("hyperware-io");
        assertThat(text(call(RustEnumValue.unit("WhichPoolThread")))).startsWith("hyperware-handler");
    }

    @Test
    void aNonBlockingHandlerThatRunsLongIsReportedOnceByName(CapturedOutput output) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(call(RustEnumValue.of("Dawdle", mapper.write(30L))).isOk()).isTrue();
        }
        String warning = "Non-blocking handler nonBlockingHandlerEndToEndTest.Handlers#dawdle ran for";
        assertThat(output.getOut().lines().filter(line -> line.contains(warning)))
                .as("warnings for three slow runs").hasSize(1);
        assertThat(output.getOut()).contains("blocking = true");
    }

    @Test
    void aNonBlockingHandlerThatHangsCostsItsConnectionNotTheExtension(CapturedOutput output) throws Exception {
        int connections = node.connections();
        var hung = node.request(RustEnumValue.unit("Hang").toBytes());

        await("the stuck I/O thread noticed").atMost(Duration.ofSeconds(30))
                .until(() -> output.getOut().contains("Reads from the node have stopped"));
        assertThat(output.getOut())
                .contains("inside the non-blocking handler nonBlockingHandlerEndToEndTest.Handlers#hang")
                .contains("NonBlockingHandlerEndToEndTest$Handlers.hang");
        await("reconnected").atMost(Duration.ofSeconds(30)).until(() -> node.connections() > connections
                && status.snapshot().state() == ConnectionState.CONNECTED);
        assertThat(text(call(RustEnumValue.unit("WhichThread")))).as("served on the new I/O thread")
                .startsWith("hyperware-io");

        assertThat(hung).as("not answered while its handler hangs").isNotDone();
        handlers.release.countDown();
        // the node still routes the id, as a real one does while the requester waits: the reply the handler makes
        // once released is held across the reconnect and answers it on the new connection
        await("the released handler's reply").atMost(Duration.ofSeconds(30)).until(hung::isDone);
        assertThat(hung.join().isOk()).as("answered with what the handler returned").isTrue();
        assertThat(call(RustEnumValue.unit("Ping")).isOk()).isTrue();
    }

    /**
     * Whatever path a reply takes (inline or pool, Ok, a thrown exception or Error, an unknown variant, a blob that
     * is not MessagePack), each request gets one reply and leaves nothing behind: no slot, no reserved byte, no
     * reply waiting in the outbox.
     */
    @Test
    void everyReplyPathAnswersOnceAndReleasesItsSlotAndBytes() throws Exception {
        assertThat(call(RustEnumValue.unit("WhichThread")).isOk()).isTrue();
        assertThat(call(RustEnumValue.unit("WhichPoolThread")).isOk()).isTrue();
        for (String failing : new String[] {"InlineFails", "InlineError", "PoolFails", "PoolError", "NoSuchVariant"}) {
            assertThat(call(RustEnumValue.unit(failing)).isOk()).as(failing).isFalse();
        }
        assertThat(node.request(new byte[] {(byte) 0xc1}).get(30, TimeUnit.SECONDS).isOk()).as("broken blob")
                .isFalse();

        await("nothing held").atMost(Duration.ofSeconds(30)).until(() -> dispatcher.inFlight() == 0
                && budget.used() == 0 && outbox.size() == 0);
    }

    private SimulatedReply call(RustEnumValue request) throws Exception {
        return node.request(request.toBytes()).get(30, TimeUnit.SECONDS);
    }

    private String text(SimulatedReply reply) throws Exception {
        return mapper.read(reply.okValue(), String.class);
    }
}
