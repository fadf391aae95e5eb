package ai.hyperware.ext.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.support.ActuatorClient;
import ai.hyperware.ext.support.SimulatedNode;

/**
 * Liveness goes DOWN only when the connection machinery itself is broken: here the scheduler that reconnects is
 * gone, so after the node drops the connection nothing would ever reconnect, and a restart is the only cure.
 */
@SpringBootTest(classes = ExtensionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LivenessEndToEndTest {

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder());
    private static final NodeSimulator node = simulated.simulator();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("hyperwareScheduler")
    ScheduledExecutorService scheduler;

    @Test
    void aReconnectLoopThatCannotRunTakesLivenessDown() {
        ActuatorClient actuator = new ActuatorClient("127.0.0.1", port);
        assertThat(actuator.health("/actuator/health/liveness")).isEqualTo("UP");

        scheduler.shutdownNow();
        node.dropConnection();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(actuator.get("/actuator/health/liveness").status()).isEqualTo(503));
        ActuatorClient.Response health = actuator.get("/actuator/health");
        assertThat(health.<String>json("$.components.hyperware.status")).isEqualTo("DOWN");
        assertThat(health.<String>json("$.components.hyperware.details.machineryFailure"))
                .contains("reconnect could not be scheduled");
    }
}
