package com.example.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import ai.hyperware.ext.test.ErrReplyException;
import ai.hyperware.ext.test.TestNode;

/**
 * Not part of the example: proves the dependency route. The application is started as its main method starts it, with only node-url, process and server.port set, and is served over a real WebSocket, with
 * health, metrics and graceful shutdown from the library alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class DigestApplicationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsServesReportsAndShutsDownGracefully(CapturedOutput output) throws Exception {
        int port = freePort();
        try (TestNode node = TestNode.start("digest:digest:example.os")) {
            List<String> args = new ArrayList<>(List.of(node.extensionArguments()));
            args.add("--server.port=" + port);
            args.add("--spring.profiles.active=demo"); // the library's demo must not come along, even so
            ConfigurableApplicationContext context = SpringApplication.run(DigestApplication.class,
                    args.toArray(String[]::new)); // what DigestApplication.main does

            assertThat(node.call("Ping", String.class)).isEqualTo("Pong");
            assertThat(node.call("Sha256", new byte[0], byte[].class)).hasSize(32);
            assertThatThrownBy(() -> node.call("Reverse", "demo", String.class))
                    .isInstanceOf(ErrReplyException.class).hasMessageContaining("no handler");
            assertThat(output).contains("Sha256 -> digestHandlers#sha256 (target/classes)")
                    .contains("com.example.stray.StrayHandlers has @ExtensionHandler methods but is not served: "
                            + "it is outside the packages the application scans (com.example.digest)");

            await().atMost(Duration.ofSeconds(30)).until(() -> get(port, "/actuator/health/readiness")
                    .contains("\"UP\""));
            assertThat(get(port, "/actuator/prometheus"))
                    .contains("hyperware_extension_requests_seconds_count{outcome=\"ok\",variant=\"Sha256\"} 1");

            context.close(); // as on SIGTERM
            await().atMost(Duration.ofSeconds(30)).until(() -> node.simulator().closeCodes().contains(1001));
        }
    }

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
