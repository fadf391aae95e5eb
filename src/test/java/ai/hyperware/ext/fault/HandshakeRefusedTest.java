package ai.hyperware.ext.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.support.SimulatedNode;

/**
 * A node that refuses the handshake: first with 404 (the interface process has not bound the extension path yet),
 * then with 403 (a node without {@code --expose-local}). Each distinct refusal is explained once at WARN with its
 * likely causes, the attempts go on with a growing backoff (logged at DEBUG), and the extension connects as soon as
 * the node accepts. The 403 explanation itself and a plain recovery are in ReconnectEndToEndTest.
 */
@SpringBootTest(classes = {ExtensionApplication.class, FaultHandlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"hyperware.extension.reconnect.initial-delay=" + HandshakeRefusedTest.INITIAL_DELAY_MS + "ms",
            "hyperware.extension.reconnect.max-delay=" + HandshakeRefusedTest.MAX_DELAY_MS + "ms",
            "logging.level.ai.hyperware.ext.connection.NodeConnectionManager=DEBUG"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class HandshakeRefusedTest {

    static final int INITIAL_DELAY_MS = 40;
    static final int MAX_DELAY_MS = 320;
    private static final String NOT_BOUND = "(HTTP 404): check hyperware.extension.process and "
            + "hyperware.extension.path, and that the interface process is running and has bound the path";
    private static final String REFUSED = "(HTTP 403): is the node started with --expose-local, is the extension on "
            + "loopback with no X-Forwarded-* or X-Real-IP headers, and is hyperware.extension.auth-cookie set";
    private static final Pattern RETRY_DELAY = Pattern.compile("Still cannot reach the node: .*; retrying in (\\d+) ms");

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder());
    private static final NodeSimulator node = simulated.simulator();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry);
    }

    @Autowired
    ConnectionStatus status;

    @AfterEach
    void nodeAccepts() {
        node.acceptHandshakes();
    }

    /** Attempts failed since the last connect, once at least {@code count} have. */
    private long awaitFailedAttempts(long count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.snapshot().failedAttempts() >= count);
        return status.snapshot().failedAttempts();
    }

    private static long warnings(CapturedOutput output, String text) {
        return output.getOut().lines().filter(line -> line.contains(" WARN ") && line.contains(text)).count();
    }

    @Test
    void eachRefusalIsExplainedOnceWhileAttemptsGoOnWithBackoffUntilTheNodeAccepts(CapturedOutput output)
            throws Exception {
        int connections = node.connections();
        node.refuseHandshakes(404);
        node.dropConnection();

        // the failure is counted before its retry is logged: one more than the lines needed below
        long attempts = awaitFailedAttempts(7);
        assertThat(status.snapshot().lastError()).contains(NOT_BOUND);
        assertThat(warnings(output, NOT_BOUND)).as("WARN lines for %d refusals with 404", attempts).isOne();
        List<Long> delays = RETRY_DELAY.matcher(output.getOut()).results().map(m -> m.group(1))
                .map(Long::valueOf).toList();
        assertThat(delays).as("delays of the repeated attempts").hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(delay -> assertThat(delay).isBetween(1L, (long) MAX_DELAY_MS));
        assertThat(delays.get(delays.size() - 1)).as("the backoff grew past the first delay")
                .isGreaterThan(INITIAL_DELAY_MS);

        node.refuseHandshakes(403);
        awaitFailedAttempts(attempts + 3);
        assertThat(status.snapshot().lastError()).contains(REFUSED);
        assertThat(warnings(output, REFUSED)).as("WARN lines for the refusals with 403").isOne();
        assertThat(warnings(output, NOT_BOUND)).isOne();

        node.acceptHandshakes();
        assertThat(node.awaitConnections(connections + 1, Duration.ofSeconds(30))).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> status.snapshot().state() == ConnectionState.CONNECTED);
        assertThat(status.snapshot().failedAttempts()).isZero();
        Matcher connected = Pattern.compile("Connected to the node at \\S+ after (\\d+) failed attempts")
                .matcher(output.getOut());
        assertThat(connected.find()).as("the reconnect is logged with the attempts it took").isTrue();
        assertThat(Long.parseLong(connected.group(1))).isGreaterThanOrEqualTo(attempts + 3);
        assertThat(node.request(RustEnumValue.unit("Ping").toBytes()).get(30, TimeUnit.SECONDS).isOk()).isTrue();
    }
}
