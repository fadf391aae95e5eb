package ai.hyperware.ext.test;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;

/**
 * A simulated node with a typed way to call the extension's handlers: the request is encoded as rmp_serde encodes a
 * Rust enum variant, sent over the real WebSocket, and the reply's {@code Ok} value decoded into the type you ask
 * for ({@code Err} throws {@link ErrReplyException}).
 *
 * <pre>{@code
 * byte[] digest = node.call("Sha256", "hi".getBytes(), byte[].class);     // Sha256(Vec<u8>)
 * String pong = node.call("Ping", String.class);                          // a unit variant
 * }</pre>
 *
 * <p>In a {@code @SpringBootTest}, {@link EmbeddedNode @EmbeddedNode} provides one as a bean. Elsewhere, start one
 * and pass {@link #extensionArguments()} to the application:
 * <pre>{@code
 * try (TestNode node = TestNode.start("myext:mypkg:publisher.os");
 *      ConfigurableApplicationContext app = SpringApplication.run(MyApp.class, node.extensionArguments())) {
 *     assertThat(node.call("Ping", String.class)).isEqualTo("Pong");
 * }
 * }</pre>
 */
public final class TestNode implements AutoCloseable {

    private static final RustSerdeMapper MAPPER = new RustSerdeMapper();

    private final NodeSimulator simulator;
    private final String process;
    private final String path;
    private final Duration timeout;

    TestNode(NodeSimulator simulator, String process, String path, Duration timeout) {
        this.simulator = simulator;
        this.process = process;
        this.path = path;
        this.timeout = timeout;
    }

    /** Starts a simulated node for {@code process} on a free loopback port; calls wait up to 30 s. */
    public static TestNode start(String process) {
        return start(process, "/", Duration.ofSeconds(30));
    }

    /** Starts a simulated node for {@code process} and {@code path} on a free loopback port. */
    public static TestNode start(String process, String path, Duration timeout) {
        NodeSimulator simulator = NodeSimulator.builder().process(process).path(path).build().start();
        return new TestNode(simulator, process, path, timeout);
    }

    /**
     * Calls a newtype, tuple or struct variant: {@code value} is the variant's content (a record for a struct, as
     * the handler's parameter), and the {@code Ok} value is decoded as {@code resultType}.
     *
     * @throws ErrReplyException   if the extension answered {@code Err}
     * @throws IllegalStateException if the extension did not connect or reply within the timeout
     */
    public <T> T call(String variant, Object value, Class<T> resultType) {
        return decode(variant, request(variant, value), resultType);
    }

    /** Calls a unit variant, such as {@code Ping}. */
    public <T> T call(String variant, Class<T> resultType) {
        return decode(variant, send(RustEnumValue.unit(variant).toBytes()), resultType);
    }

    /** Sends a variant and returns the reply as it is, for tests that look at the bytes or at an Err. */
    public SimulatedReply request(String variant, Object value) {
        try {
            return send(RustEnumValue.of(variant, MAPPER.write(value)).toBytes());
        } catch (PayloadException e) {
            throw new IllegalArgumentException("cannot encode the value for " + variant + ": " + e.getMessage(), e);
        }
    }

    /** The simulator behind this node, for everything else (raw frames, dropped connections, pushes ...). */
    public NodeSimulator simulator() {
        return simulator;
    }

    /** {@code --hyperware.extension.node-url=...}, {@code process} and {@code path}, for SpringApplication.run. */
    public String[] extensionArguments() {
        return new String[] {"--hyperware.extension.node-url=" + simulator.nodeUrl(),
                "--hyperware.extension.process=" + process, "--hyperware.extension.path=" + path};
    }

    String nodeUrl() {
        return simulator.nodeUrl().toString();
    }

    @Override
    public void close() {
        simulator.close();
    }

    private SimulatedReply send(byte[] blob) {
        if (!simulator.awaitConnection(timeout)) {
            throw new IllegalStateException("the extension did not connect to the simulated node within " + timeout
                    + ": is hyperware.extension.node-url " + simulator.nodeUrl() + " and process " + process + "?");
        }
        try {
            return simulator.request(blob).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no reply within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the request failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the reply", e);
        }
    }

    private static <T> T decode(String variant, SimulatedReply reply, Class<T> resultType) {
        if (reply.isErr()) {
            throw new ErrReplyException(variant, reply.errMessage());
        }
        try {
            return MAPPER.read(reply.okValue(), resultType);
        } catch (PayloadException e) {
            throw new IllegalStateException(variant + " answered " + reply.render() + ", which is not a "
                    + resultType.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
