package ai.hyperware.ext.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.endtoend.TestHandlers;
import ai.hyperware.ext.handler.DispatchListener;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;
import ai.hyperware.ext.support.ActuatorClient;
import ai.hyperware.ext.support.SimulatedNode;

/**
 * Health, metrics and info as an operator reads them: over HTTP from the running application, with the node
 * simulator at the other end of a real WebSocket.
 */
@SpringBootTest(classes = {ExtensionApplication.class, TestHandlers.class, ActuatorEndToEndTest.FailingListener.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ActuatorEndToEndTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.b3BzLXNlY3JldA.never-shown-anywhere";
    private static final String COOKIE = "hyperware-auth_fake.os=" + JWT;
    /** {"WebSocketExtPushData": ...}: the envelope of a frame, followed by a frame that lies about its blob. */
    private static final String MALFORMED_WITH_ID = "81b4576562536f636b65744578745075736844617461"
            + "93cd1092a8526573706f6e7365ddfffffff001";

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder().requiredCookie(COOKIE));
    private static final NodeSimulator node = simulated.simulator();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry);
        registry.add("hyperware.extension.auth-cookie", () -> COOKIE);
    }

    /** A listener that always throws, to show that instrumentation cannot cost a reply. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FailingListener {
        static final AtomicInteger calls = new AtomicInteger();

        @Bean
        DispatchListener failingListener() {
            return (variant, outcome, elapsedNanos) -> {
                calls.incrementAndGet();
                throw new IllegalStateException("a broken metrics listener");
            };
        }
    }

    @LocalServerPort
    int port;

    private ActuatorClient actuator() {
        return new ActuatorClient("127.0.0.1", port);
    }

    private SimulatedReply call(String variant) throws Exception {
        return node.request(RustEnumValue.unit(variant).toBytes()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void hyperwareComponentIsUpWithConnectionDetailsWhileConnected() {
        ActuatorClient.Response health = actuator().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.<String>json("$.components.hyperware.status")).isEqualTo("UP");
        assertThat(health.<String>json("$.components.hyperware.details.state")).isEqualTo("CONNECTED");
        assertThat(health.<String>json("$.components.hyperware.details.nodeUrl"))
                .isEqualTo("ws://127.0.0.1:" + node.port() + "/" + SimulatedNode.PROCESS);
        assertThat(health.<Integer>json("$.components.hyperware.details.connects")).isPositive();
    }

    @Test
    void readinessIncludesTheConnectionAndLivenessDoesNot() {
        ActuatorClient.Response readiness = actuator().get("/actuator/health/readiness");
        ActuatorClient.Response liveness = actuator().get("/actuator/health/liveness");
        assertThat(readiness.<String>json("$.status")).isEqualTo("UP");
        assertThat(readiness.<Map<String, Object>>json("$.components")).containsKey("hyperware");
        assertThat(liveness.<String>json("$.status")).isEqualTo("UP");
        assertThat(liveness.body()).doesNotContain("hyperware");
    }

    @Test
    void nodeGoingAwayTakesReadinessDownAndLeavesLivenessUp() {
        ActuatorClient actuator = actuator();
        long stoppedAt = System.nanoTime();
        node.stop();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(actuator.get("/actuator/health").<String>json("$.components.hyperware.status"))
                        .isEqualTo("DOWN");
                assertThat(actuator.get("/actuator/health/readiness").status()).isEqualTo(503);
            });
            // a figure for the record, not an assertion: timing belongs in the benchmark
            System.out.printf("readiness left UP %d ms after the node went away%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt));
            ActuatorClient.Response health = actuator.get("/actuator/health");
            assertThat(health.<String>json("$.components.hyperware.details.state")).isIn("RECONNECTING",
                    "CONNECTING");
            assertThat(health.<String>json("$.components.hyperware.details.lastError")).isNotBlank();
            ActuatorClient.Response liveness = actuator.get("/actuator/health/liveness");
            assertThat(liveness.status()).isEqualTo(200);
            assertThat(liveness.<String>json("$.status")).isEqualTo("UP");
        } finally {
            node.start();
        }
        assertThat(node.awaitConnection(Duration.ofSeconds(60))).isTrue();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(actuator.health("/actuator/health/readiness")).isEqualTo("UP"));
    }

    @Test
    void requestsAreTimedByVariantAndOutcome() throws Exception {
        ActuatorClient actuator = actuator();
        double pingsBefore = Math.max(0, actuator.prometheus("hyperware_extension_requests_seconds_count",
                Map.of("variant", "Ping", "outcome", "ok")));
        assertThat(call("Ping").isOk()).isTrue();
        assertThat(call("Boom").isErr()).isTrue();
        assertThat(call("NoSuchVariant42").isErr()).isTrue();

        assertThat(actuator.prometheus("hyperware_extension_requests_seconds_count",
                Map.of("variant", "Ping", "outcome", "ok"))).isEqualTo(pingsBefore + 1);
        assertThat(actuator.prometheus("hyperware_extension_requests_seconds_count",
                Map.of("variant", "Boom", "outcome", "error"))).isPositive();
        assertThat(actuator.prometheus("hyperware_extension_requests_seconds_count",
                Map.of("variant", "unknown", "outcome", "unknown_variant"))).isPositive();
        assertThat(actuator.get("/actuator/prometheus").body())
                .as("a variant without a handler creates no series of its own").doesNotContain("NoSuchVariant42");
    }

    @Test
    void connectionStateIsExportedAsGaugesAndCounters() {
        ActuatorClient actuator = actuator();
        assertThat(actuator.prometheus("hyperware_extension_connected", Map.of())).isEqualTo(1);
        assertThat(actuator.prometheus("hyperware_extension_connects_total", Map.of("result", "success")))
                .isPositive();
        assertThat(actuator.prometheus("hyperware_extension_connects_total", Map.of("result", "failure")))
                .isGreaterThanOrEqualTo(0);
        assertThat(actuator.prometheus("hyperware_extension_in_flight", Map.of())).isGreaterThanOrEqualTo(0);
        assertThat(actuator.prometheus("hyperware_extension_replies_held", Map.of())).isGreaterThanOrEqualTo(0);
    }

    @Test
    void malformedFramesAndDroppedMessagesAreCounted() throws Exception {
        ActuatorClient actuator = actuator();
        double malformed = actuator.prometheus("hyperware_extension_frames_malformed_total", Map.of());
        double dropped = actuator.prometheus("hyperware_extension_replies_dropped_total",
                Map.of("reason", "unreadable_inbound"));

        var answered = node.expectReply(4242);
        node.sendRaw(HEX.parseHex(MALFORMED_WITH_ID));
        assertThat(answered.get(30, TimeUnit.SECONDS).isErr()).isTrue();
        node.sendRaw(new byte[] {(byte) 0xc1}); // never used in MessagePack: no id to answer
        assertThat(call("Ping").isOk()).isTrue(); // the read thread has handled both before this reply

        assertThat(actuator.prometheus("hyperware_extension_frames_malformed_total", Map.of()))
                .isEqualTo(malformed + 2);
        assertThat(actuator.prometheus("hyperware_extension_replies_dropped_total",
                Map.of("reason", "unreadable_inbound"))).isEqualTo(dropped + 1);
        assertThat(actuator.prometheus("hyperware_extension_replies_dropped_total", Map.of("reason", "expired")))
                .as("every reason is present from the start").isGreaterThanOrEqualTo(0);
    }

    @Test
    void messageSizesAreRecordedByDirection() throws Exception {
        ActuatorClient actuator = actuator();
        double inbound = actuator.prometheus("hyperware_extension_message_size_bytes_count",
                Map.of("direction", "inbound"));
        assertThat(call("Ping").isOk()).isTrue();
        assertThat(actuator.prometheus("hyperware_extension_message_size_bytes_count",
                Map.of("direction", "inbound"))).isEqualTo(inbound + 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(actuator.prometheus(
                "hyperware_extension_message_size_bytes_sum", Map.of("direction", "outbound"))).isPositive());
    }

    @Test
    void aFailingListenerNeverCostsAReply() throws Exception {
        int callsBefore = FailingListener.calls.get();
        assertThat(call("Ping").isOk()).isTrue();
        assertThat(call("Boom").isErr()).isTrue();
        assertThat(FailingListener.calls.get()).isEqualTo(callsBefore + 2);
    }

    @Test
    void infoShowsVersionNodeAndHandlerInventory() {
        ActuatorClient.Response info = actuator().get("/actuator/info");
        assertThat(info.<String>json("$.hyperware.version")).isNotBlank().isNotEqualTo("unknown");
        assertThat(info.<String>json("$.hyperware.nodeUrl"))
                .isEqualTo("ws://127.0.0.1:" + node.port() + "/" + SimulatedNode.PROCESS);
        List<Map<String, String>> handlers = info.json("$.hyperware.handlers");
        assertThat(handlers).contains(
                Map.of("variant", "Ping", "bean", "hyperwareDiagnostics", "method", "ping()"),
                Map.of("variant", "RunScript", "bean", "endToEndHandlers", "method", "runScript(RunScript)"));
    }

    @Test
    void infoDescribesTheContractAsJsonWithFieldsInPositionalOrder() {
        ActuatorClient.Response info = actuator().get("/actuator/info");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.<String>json("$.hyperware.contract.enum")).isEqualTo("Request");
        assertThat(info.<List<String>>json("$.hyperware.contract.problems")).isEmpty();
        assertThat(info.<List<Map<String, Object>>>json("$.hyperware.contract.variants[?(@.name == 'RunScript')]"))
                .singleElement().isEqualTo(Map.of("name", "RunScript", "kind", "struct",
                        "handler", "endToEndHandlers#runScript", "positional", true,
                        "fields", List.of(Map.of("name", "package_id", "type", "String"),
                                Map.of("name", "args", "type", "Vec<u8>"), Map.of("name", "n", "type", "u64")),
                        "reply", "Result<ScriptSummary, String>"));
        assertThat(info.<List<String>>json("$.hyperware.contract.types[?(@.name == 'ScriptSummary')].fields[*].name"))
                .containsExactly("package_id", "arg_count", "n");
        assertThat(info.<List<String>>json("$.hyperware.contract.variants[?(@.name == 'Ping')].reply"))
                .containsExactly("Result<String, String>");
    }

    @Test
    void onlyHealthInfoAndPrometheusAreExposed() {
        Map<String, Object> links = actuator().get("/actuator").json("$._links");
        assertThat(links.keySet()).allMatch(link -> link.equals("self") || link.startsWith("health")
                || link.equals("info") || link.equals("prometheus"));
        assertThat(actuator().get("/actuator/env").status()).isEqualTo(404);
    }

    @Test
    void theAuthCookieAppearsOnNoEndpoint() {
        for (String path : List.of("/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/info",
                "/actuator/prometheus")) {
            assertThat(actuator().get(path).body()).as(path).doesNotContain(JWT).doesNotContain("hyperware-auth_");
        }
    }
}
