package ai.hyperware.ext.strictnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
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
import ai.hyperware.ext.support.RawNode;

/**
 * Upgrades that must not count as connected: a 101 with the wrong {@code Sec-WebSocket-Accept} (RFC 6455 §4.1), a
 * node that never answers the upgrade, and a node that accepts and at once closes. Each is explained in the log and in
 * health, retried with a backoff that grows, and left behind when the node behaves again.
 */
@SpringBootTest(classes = ExtensionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"hyperware.extension.reconnect.initial-delay=50ms",
            "hyperware.extension.reconnect.max-delay=" + UpgradeFailureTest.MAX_DELAY_MS + "ms",
            "hyperware.extension.limits.connect-timeout=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class UpgradeFailureTest {

    static final int MAX_DELAY_MS = 400;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern RETRY_DELAY = Pattern.compile("retrying in (\\d+) ms");

    @RegisterExtension
    static final RawNode node = RawNode.start();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        node.pointExtensionAt(registry);
    }

    @Autowired
    ConnectionStatus status;

    @AfterEach
    void nodeBehavesAgain() throws Exception {
        node.answerUpgradesWith(RawNode.Upgrade.ACCEPT);
        await("connected again").atMost(WAIT).until(() -> status.snapshot().state() == ConnectionState.CONNECTED);
        RawNode.Connection open = node.connections().get(node.connections().size() - 1);
        Pings.assertServed(node, open);
    }

    @Test
    void aWrongSecWebSocketAcceptIsNotAConnection(CapturedOutput output) throws Exception {
        RawNode.Upgrade how = RawNode.Upgrade.WRONG_ACCEPT;
        int before = dropTheConnectionAndAnswerUpgradesWith(how);

        await("attempts refused").atMost(WAIT).until(() -> node.connections().size() >= before + 2);
        assertThat(status.snapshot().state()).isNotEqualTo(ConnectionState.CONNECTED);
        assertThat(status.snapshot().lastError()).contains("Sec-WebSocket-Accept").contains("RFC 6455");
        List<RawNode.Connection> refused = node.connections().subList(before, node.connections().size() - 1);
        await("the extension closed each refused upgrade").atMost(WAIT)
                .until(() -> refused.stream().allMatch(RawNode.Connection::ended));
        assertThat(refused).as("frames sent on a refused upgrade").allMatch(c -> c.closeCodes().isEmpty());
        assertThat(output.getOut().lines().filter(line -> line.contains(" WARN ")
                && line.contains("Sec-WebSocket-Accept does not match"))).as("warnings, one per distinct cause").hasSize(1);
    }

    @Test
    void aNodeThatNeverAnswersTheUpgradeIsNamedInTheLog(CapturedOutput output) throws Exception {
        dropTheConnectionAndAnswerUpgradesWith(RawNode.Upgrade.SILENT);

        await("the upgrade timed out").atMost(WAIT)
                .until(() -> output.getOut().contains("did not answer the WebSocket upgrade within 1000 ms"));
        assertThat(output.getOut()).contains("hyperware.extension.limits.connect-timeout");
        assertThat(status.snapshot().lastError()).contains("did not answer the WebSocket upgrade");
    }

    @Test
    void aNodeThatAcceptsAndAtOnceClosesIsRetriedWithAGrowingBackoff(CapturedOutput output) throws Exception {
        int logStart = output.getOut().length();
        int before = dropTheConnectionAndAnswerUpgradesWith(RawNode.Upgrade.ACCEPT_THEN_CLOSE);

        await("five accepted and dropped").atMost(WAIT).until(() -> node.connections().size() >= before + 5);
        List<Long> delays = RETRY_DELAY.matcher(output.getOut().substring(logStart)).results()
                .map(m -> Long.valueOf(m.group(1))).toList();
        assertThat(delays).as("delays before the attempts").hasSizeGreaterThanOrEqualTo(4);
        // the n-th delay lies between half and all of min(max, 50 ms * 2^(n-1)): by the fourth it is over 50 ms
        assertThat(delays.get(3)).as("the fourth delay, in %s", delays).isGreaterThan(50L);
        assertThat(delays).allSatisfy(delay -> assertThat(delay).isLessThanOrEqualTo(MAX_DELAY_MS));
    }

    /** Returns how many connections there were, once the current one is gone and upgrades are answered {@code how}. */
    private int dropTheConnectionAndAnswerUpgradesWith(RawNode.Upgrade how) throws Exception {
        await().atMost(WAIT).until(() -> status.snapshot().state() == ConnectionState.CONNECTED);
        RawNode.Connection open = node.connections().get(node.connections().size() - 1);
        int before = node.connections().size();
        node.answerUpgradesWith(how);
        open.shutdownOutput();
        await().atMost(WAIT).until(open::ended);
        return before;
    }
}
