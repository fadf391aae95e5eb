package ai.hyperware.ext.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import ai.hyperware.ext.simulator.NodeSimulator;

/**
 * A node simulator for one test class: started when the class is set up, the application pointed at it, the
 * connection awaited before each test, and the simulator closed after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SimulatedNode node = new SimulatedNode(NodeSimulator.builder());
 *
 * @DynamicPropertySource
 * static void node(DynamicPropertyRegistry registry) { node.pointExtensionAt(registry); }
 * }</pre>
 */
public final class SimulatedNode implements BeforeEachCallback, AfterAllCallback {

    public static final String PROCESS = "ext:ext:test.os";

    private final NodeSimulator simulator;

    public SimulatedNode(NodeSimulator.Builder builder) {
        this.simulator = builder.process(PROCESS).build().start();
    }

    public NodeSimulator simulator() {
        return simulator;
    }

    /** Points the application at this simulator (or at {@code port}, e.g. a probe in front of it). */
    public void pointExtensionAt(DynamicPropertyRegistry registry) {
        pointExtensionAt(registry, simulator.port());
    }

    public void pointExtensionAt(DynamicPropertyRegistry registry, int port) {
        registry.add("hyperware.extension.node-url", () -> "ws://127.0.0.1:" + port);
        registry.add("hyperware.extension.process", () -> PROCESS);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assertThat(simulator.awaitConnection(Duration.ofSeconds(30))).as("the extension connected").isTrue();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        simulator.close();
    }
}
