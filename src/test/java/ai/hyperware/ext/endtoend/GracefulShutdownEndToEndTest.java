package ai.hyperware.ext.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.connection.ConnectionState;
import ai.hyperware.ext.connection.ConnectionStatus;
import ai.hyperware.ext.connection.NodeConnectionManager;
import ai.hyperware.ext.handler.RequestDispatcher;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;

/**
 * Closing the application context is what SIGTERM does (through Spring Boot's shutdown hook): requests in flight
 * finish and are answered, late arrivals are refused with an {@code Err}, and the session closes with 1001.
 */
class GracefulShutdownEndToEndTest {

    private static final String PROCESS = "ext:ext:test.os";
    private final NodeSimulator node = NodeSimulator.builder().process(PROCESS).build().start();
    private ConfigurableApplicationContext app;

    @AfterEach
    void tearDown() {
        TestHandlers.openGate();
        if (app != null) {
            app.close();
        }
        node.close();
    }

    private void startExtension(String shutdownTimeout) {
        launchExtension(shutdownTimeout);
        ConnectionStatus status = app.getBean(ConnectionStatus.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> status.snapshot().state() == ConnectionState.CONNECTED);
    }

    /** Starts the extension without waiting for its connection. */
    private void launchExtension(String shutdownTimeout) {
        TestHandlers.closeGate();
        app = new SpringApplicationBuilder(ExtensionApplication.class, TestHandlers.class).run(
                "--hyperware.extension.node-url=ws://127.0.0.1:" + node.port(),
                "--hyperware.extension.process=" + PROCESS,
                "--spring.main.web-application-type=none",
                "--spring.lifecycle.timeout-per-shutdown-phase=" + shutdownTimeout);
    }

    /** {@code count} requests {@code {"Gated": i}}, each held by its handler until the gate opens. */
    private List<CompletableFuture<SimulatedReply>> gatedRequests(int count) {
        List<CompletableFuture<SimulatedReply>> replies = IntStream.range(0, count)
                .mapToObj(i -> node.request(RustEnumValue.of("Gated", new byte[] {(byte) i}).toBytes())).toList();
        RequestDispatcher dispatcher = app.getBean(RequestDispatcher.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.inFlight() == count);
        return replies;
    }

    /** The simulator hears the close frame on its own thread, so wait for it rather than race it. */
    private void awaitGoingAway() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(node.closeCodes()).containsExactly(1001));
    }

    private CompletableFuture<Void> closeInBackground() {
        ConnectionStatus status = app.getBean(ConnectionStatus.class);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
        await().atMost(Duration.ofSeconds(30)).until(() -> status.snapshot().state() == ConnectionState.STOPPED);
        return closing;
    }

    @Test
    void requestsInFlightFinishAndAreAnsweredBeforeTheSessionCloses() throws Exception {
        startExtension("60s");
        List<CompletableFuture<SimulatedReply>> inFlight = gatedRequests(3);

        CompletableFuture<Void> closing = closeInBackground();
        TestHandlers.openGate();

        for (CompletableFuture<SimulatedReply> reply : inFlight) {
            assertThat(reply.get(30, TimeUnit.SECONDS).isOk()).isTrue();
        }
        closing.get(60, TimeUnit.SECONDS);
        awaitGoingAway();
    }

    @Test
    void requestsArrivingDuringShutdownAreRefusedWithAnErr() throws Exception {
        startExtension("60s");
        List<CompletableFuture<SimulatedReply>> inFlight = gatedRequests(1);
        CompletableFuture<Void> closing = closeInBackground();

        SimulatedReply late = node.request(RustEnumValue.unit("Ping").toBytes()).get(30, TimeUnit.SECONDS);
        assertThat(late.isErr()).isTrue();
        assertThat(late.errMessage()).contains("shutting down");

        TestHandlers.openGate();
        assertThat(inFlight.get(0).get(30, TimeUnit.SECONDS).isOk()).isTrue();
        closing.get(60, TimeUnit.SECONDS);
    }

    @Test
    void requestsOutlastingTheShutdownTimeoutAreAnsweredWithAnErr() throws Exception {
        startExtension("1s"); // the gate stays closed: these handlers never finish on their own
        List<CompletableFuture<SimulatedReply>> inFlight = gatedRequests(2);

        app.close();

        for (CompletableFuture<SimulatedReply> reply : inFlight) {
            SimulatedReply answered = reply.get(30, TimeUnit.SECONDS);
            assertThat(answered.isErr()).isTrue();
            assertThat(answered.errMessage()).contains("shut down before the handler finished");
        }
        awaitGoingAway();
    }

    @Test
    void theHandlerExecutorStopsAfterTheSessionHasClosed() {
        startExtension("60s");
        ThreadPoolExecutor executor = app.getBean("hyperwareHandlerExecutor", ThreadPoolExecutor.class);

        app.close();

        awaitGoingAway();
        assertThat(executor.isShutdown()).isTrue();
    }

    /** A SIGTERM that lands while the handshake is still under way: the session it yields is closed at once. */
    @Test
    void aHandshakeCompletingAfterTheStopBeganIsClosedWithGoingAway() {
        node.holdHandshakes();
        launchExtension("60s");
        await().atMost(Duration.ofSeconds(30)).until(() -> node.heldHandshakes() == 1);
        NodeConnectionManager connection = app.getBean(NodeConnectionManager.class);

        connection.stop(); // what the shutdown hook calls first
        node.releaseHandshakes();

        awaitGoingAway();
        assertThat(connection.isConnected()).isFalse();
        assertThat(app.getBean(ConnectionStatus.class).snapshot().state()).isEqualTo(ConnectionState.STOPPED);
    }
}
