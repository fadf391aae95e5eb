package ai.hyperware.ext.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.payload.VecU8;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;

/**
 * Four Echo requests of 32 MiB at once, to the packaged jar under {@code -Xmx768m}: each is answered, with its echo or
 * with an {@code Err} that names the memory bound it would have crossed (the in-flight budget, or the bytes of replies
 * already waiting for the node), nothing runs out of memory, and the requests in flight go back to zero. (Tomcat's
 * client ran out of heap here, left three requests unanswered and one slot held for good.)
 */
class BigMessagesJarIT {

    private static final int CONCURRENT = 4;
    /** Values below 0x80 encode as one byte each, so that the request's message is 32 MiB, and so is the reply's. */
    private static final int PAYLOAD_BYTES = Integer.getInteger("big-messages.mib", 32) * 1024 * 1024 - 64;
    private static final int ROUNDS = Integer.getInteger("big-messages.rounds", 2);

    private final NodeSimulator node = NodeSimulator.builder().process("ext:ext:big.os").build().start();
    private Process extension;
    private File log;
    private int httpPort;

    @AfterEach
    void stop() throws Exception {
        if (extension != null) {
            extension.destroy();
            if (!extension.waitFor(30, TimeUnit.SECONDS)) {
                extension.destroyForcibly();
            }
        }
        node.close();
    }

    @Test
    void fourConcurrent32MiBRequestsUnder768MiBAreEachAnsweredAndNothingRunsOutOfMemory() throws Exception {
        startJar("-Xmx" + System.getProperty("big-messages.heap", "768m"));
        long seed = System.nanoTime();
        System.out.println("big messages: seed " + seed);

        for (int round = 1; round <= ROUNDS; round++) {
            List<byte[]> payloads = new ArrayList<>();
            List<CompletableFuture<SimulatedReply>> replies = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                byte[] payload = payload(seed + round * 10L + i);
                payloads.add(payload);
                replies.add(node.request(RustEnumValue.of("Echo", VecU8.encode(payload)).toBytes()));
            }
            int echoed = 0;
            for (int i = 0; i < CONCURRENT; i++) {
                SimulatedReply reply = replies.get(i).get(120, TimeUnit.SECONDS);
                if (reply.isOk()) {
                    assertThat(Arrays.equals(reply.frame().blob(), RustResult.ok(VecU8.encode(payloads.get(i)))))
                            .as("round %d, request %d: the echo is the request's bytes", round, i).isTrue();
                    echoed++;
                } else {
                    assertThat(reply.render()).as("round %d, request %d", round, i)
                            .containsAnyOf("hyperware.extension.limits.max-in-flight-bytes",
                                    "hyperware.extension.limits.max-unsent-bytes");
                }
            }
            System.out.printf("big messages, round %d: %d of %d echoed, the rest refused by a memory bound%n", round,
                    echoed, CONCURRENT);
            assertThat(echoed).as("round %d: at least one fits the default budget", round).isPositive();
        }

        await("in flight back to zero").atMost(Duration.ofSeconds(30))
                .until(() -> scrape().contains("hyperware_extension_in_flight 0.0"));
        String output = Files.readString(log.toPath());
        assertThat(output).doesNotContain("OutOfMemoryError").doesNotContain("Dropped an unreadable message");
        assertThat(node.request(RustEnumValue.unit("Ping").toBytes()).get(30, TimeUnit.SECONDS).isOk()).isTrue();
    }

    private static byte[] payload(long seed) {
        byte[] bytes = new byte[PAYLOAD_BYTES];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(0x80);
        }
        return bytes;
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private void startJar(String heap) throws Exception {
        Path jar = Path.of("target", "ext.jar");
        assertThat(jar).exists();
        try (ServerSocket free = new ServerSocket(0)) {
            httpPort = free.getLocalPort();
        }
        log = Files.createTempFile("ext-big", ".log").toFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        extension = new ProcessBuilder(List.of(java, heap, "-jar", jar.toString(),
                "--hyperware.extension.node-url=ws://127.0.0.1:" + node.port(),
                "--hyperware.extension.process=ext:ext:big.os",
                "--server.port=" + httpPort))
                .redirectErrorStream(true).redirectOutput(log).start();
        assertThat(node.awaitConnection(Duration.ofSeconds(60)))
                .as("the jar connected; its log:%n%s", Files.readString(log.toPath())).isTrue();
        assertThat(node.request(RustEnumValue.unit("Ping").toBytes()).get(30, TimeUnit.SECONDS).isOk()).isTrue();
    }
}
