package ai.hyperware.ext.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.ImageFromDockerfile;

import com.github.dockerjava.api.DockerClient;

import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.support.AcmeJars;
import ai.hyperware.ext.support.ActuatorClient;

/**
 * The image built from the project's Dockerfile, with handler jars added as the README says ({@code FROM} it,
 * {@code COPY} the jars into {@code /app/handlers}), run as an operator runs it: configured by environment variables,
 * on the host network beside a node (the simulator, on loopback), watched through its actuator endpoints and
 * stopped with SIGTERM. Runs in {@code verify}, after {@code package}.
 *
 * <p>Needs a local Docker engine and a base image with a Java 17 runtime ({@code EXT_BASE_IMAGE}, default
 * {@code hyperware-ext-jre:17}, which {@code .ci/docker.sh} builds from Debian packages). Without them the test is
 * skipped with a message, except in CI ({@code CI=true}), where it fails.
 */
class ContainerImageIT {

    private static final String PROCESS = "ext:ext:container.os";
    private static final String BASE_IMAGE = System.getenv().getOrDefault("EXT_BASE_IMAGE", "hyperware-ext-jre:17");
    /** The image built from the Dockerfile; set EXT_IT_IMAGE to keep parallel runs on one engine apart. */
    private static final String IMAGE = System.getenv().getOrDefault("EXT_IT_IMAGE", "hyperware-ext-it");
    private static final HexFormat HEX = HexFormat.of();
    /** The request blob {@code "Ping"}, as the node encodes it. */
    private static final byte[] PING = HEX.parseHex("a450696e67");

    private static NodeSimulator node;
    private static GenericContainer<?> extension;
    private static ActuatorClient actuator;

    @BeforeAll
    static void startImageBesideTheSimulator() throws Exception {
        DockerPrerequisites.require(BASE_IMAGE);
        node = NodeSimulator.builder().process(PROCESS).build().start();
        int httpPort = freePort();
        ImageFromDockerfile image = new ImageFromDockerfile(IMAGE, false)
                .withDockerfile(Path.of("Dockerfile").toAbsolutePath()) // its folder is the build context
                .withBuildArg("BASE_IMAGE", BASE_IMAGE);
        image.get();
        // The README's way to add handlers: an image of your own, FROM ours, with the jars copied into /app/handlers.
        Path handlerContext = Files.createTempDirectory("handler-image-");
        AcmeJars.handlers(handlerContext, AcmeJars.text(handlerContext));
        Files.writeString(handlerContext.resolve("Dockerfile"), "FROM " + IMAGE + "\n"
                + "COPY " + AcmeJars.HANDLERS + " " + AcmeJars.TEXT + " /app/handlers/\n");
        ImageFromDockerfile withHandlers = new ImageFromDockerfile(IMAGE + "-handlers", false)
                .withDockerfile(handlerContext.resolve("Dockerfile"));
        extension = new GenericContainer<>(withHandlers)
                .withNetworkMode("host") // a node accepts extensions only over loopback
                .withEnv("HYPERWARE_EXTENSION_NODEURL", "ws://127.0.0.1:" + node.port())
                .withEnv("HYPERWARE_EXTENSION_PROCESS", PROCESS)
                .withEnv("SERVER_PORT", String.valueOf(httpPort));
        withHandlers.get(); // built before the clock starts: the figure below is the container's own start-up
        long launched = System.nanoTime();
        extension.start();
        actuator = new ActuatorClient("127.0.0.1", httpPort);
        boolean connected = node.awaitConnection(Duration.ofSeconds(120));
        // a figure for the record, not an assertion: timing belongs in the benchmark
        System.out.println("container launch to connected: "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launched) + " ms");
        assertThat(connected).as("the container connected; its log:%n%s", extension.getLogs()).isTrue();
    }

    @AfterAll
    static void cleanUp() {
        if (extension != null) {
            extension.stop();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theImageServesConnectsReportsHealthAndShutsDownGracefully() throws Exception {
        assertThat(node.awaitConnection(Duration.ofSeconds(120)))
                .as("the container connected; its log:%n%s", extension.getLogs()).isTrue();
        assertThat(HEX.formatHex(node.request(PING).get(30, TimeUnit.SECONDS).blob()))
                .as("Ping answered {\"Ok\":\"Pong\"}").isEqualTo("81a24f6ba4506f6e67");
        assertThat(node.request(RustEnumValue.of("Shout", new RustSerdeMapper().write("hello")).toBytes())
                .get(30, TimeUnit.SECONDS).render()).as("the handler jar's variant").isEqualTo("{\"Ok\":\"HELLO!\"}");
        assertThat(extension.getLogs()).contains("Shout -> com.acme.handlers.AcmeHandlers#shout (acme-handlers.jar)");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(actuator.get("/actuator/health").<String>json("$.components.hyperware.status"))
                    .isEqualTo("UP");
            assertThat(actuator.health("/actuator/health/readiness")).isEqualTo("UP");
        });

        node.stop();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(actuator.get("/actuator/health").<String>json("$.components.hyperware.status"))
                    .isEqualTo("DOWN");
            assertThat(actuator.get("/actuator/health/readiness").status()).isEqualTo(503);
        });
        assertThat(actuator.health("/actuator/health/liveness")).isEqualTo("UP");

        node.start();
        assertThat(node.awaitConnection(Duration.ofSeconds(120))).as("reconnected after the node came back").isTrue();
        // The node sees the handshake complete before the extension does; a served Ping proves both sides are
        // connected, so the stop below meets an established session rather than one still opening.
        assertThat(node.request(PING).get(30, TimeUnit.SECONDS).isOk()).isTrue();

        DockerClient docker = DockerClientFactory.instance().client();
        docker.stopContainerCmd(extension.getContainerId()).withTimeout(60).exec(); // SIGTERM, then wait
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(node.closeCodes()).contains(1001));
        Long exitCode = docker.inspectContainerCmd(extension.getContainerId()).exec().getState().getExitCodeLong();
        String logs = extension.getLogs();
        assertThat(exitCode).as("exit code after SIGTERM (143 = 128 + SIGTERM); log:%n%s", logs).isEqualTo(143L);
        assertThat(logs).contains("Shutting down: refusing new requests").contains("Disconnected from the node");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
