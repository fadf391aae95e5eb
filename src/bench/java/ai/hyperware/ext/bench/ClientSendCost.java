package ai.hyperware.ext.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import org.apache.tomcat.websocket.WsWebSocketContainer;

import ai.hyperware.ext.simulator.NodeSimulator;

/**
 * What sending one large binary message costs a WebSocket client, in CPU per byte: Tomcat's JSR-356 client (which
 * ext.jar uses, through Spring) against the JDK's own {@code java.net.http.WebSocket}. A client must mask every
 * byte it sends (RFC 6455); the profiles of ext.jar put most of a large reply's CPU there. Run it with
 * {@code bench/client-send-cost}.
 *
 * <p>Each client runs in a process of its own, so that its CPU time (from {@code /proc/self/stat}) holds only the
 * client's work; the node simulator that receives the messages runs in this one.
 */
public final class ClientSendCost {

    private static final int[] SIZES = {41 * 1024, 20 * 1024 * 1024}; // the replies to 16 KiB and 8 MiB echoes
    private static final long BYTES_PER_CASE = 320L * 1024 * 1024;

    private ClientSendCost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            send(args[0], URI.create(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
            return;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        try (NodeSimulator node = NodeSimulator.builder().process(Peer.PROCESS).build().start()) {
            System.out.println("| client | message | CPU per MiB sent (ms) | ns per byte |");
            System.out.println("|---|---:|---:|---:|");
            for (int size : SIZES) {
                for (String client : List.of("tomcat", "jdk")) {
                    Process child = new ProcessBuilder(java, "-Xss256m", "-cp", classpath,
                            ClientSendCost.class.getName(), client, node.extensionUrl().toString(),
                            Integer.toString(size), Long.toString(Math.max(4, BYTES_PER_CASE / size)))
                            .redirectErrorStream(true).start();
                    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    child.waitFor(5, TimeUnit.MINUTES);
                    out.lines().filter(line -> line.startsWith("|")).forEach(System.out::println);
                }
            }
        }
    }

    /** In the child: connect, warm up, then time {@code count} messages of {@code size} bytes. */
    private static void send(String client, URI url, int size, long count) throws Exception {
        byte[] message = new byte[size];
        new Random(size).nextBytes(message);
        Sender sender = client.equals("jdk") ? jdkClient(url) : tomcatClient(url);
        for (long i = Math.max(2, Math.min(200, 64L * 1024 * 1024 / size)); i > 0; i--) { // warm-up: JIT
            sender.send(message);
        }
        ProcessProbe self = ProcessProbe.self(100);
        long cpu = self.cpuNanos();
        for (long i = 0; i < count; i++) {
            sender.send(message);
        }
        double nanosPerByte = (double) (self.cpuNanos() - cpu) / (count * (double) size);
        System.out.printf("| %s | %s | %.2f | %.2f |%n", client.equals("jdk") ? "JDK java.net.http.WebSocket"
                : "Tomcat (Spring's StandardWebSocketClient)", Sizes.bytes(size), nanosPerByte * 1024 * 1024 / 1e6,
                nanosPerByte);
        System.exit(0);
    }

    private interface Sender {
        void send(byte[] message) throws Exception;
    }

    private static Sender tomcatClient(URI url) throws Exception {
        WsWebSocketContainer container = new WsWebSocketContainer();
        Session session = container.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session opened, EndpointConfig config) {
                // nothing to receive
            }
        }, ClientEndpointConfig.Builder.create().build(), url);
        return message -> session.getBasicRemote().sendBinary(ByteBuffer.wrap(message));
    }

    private static Sender jdkClient(URI url) {
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(url, new WebSocket.Listener() {
                }).join();
        return message -> {
            CompletableFuture<WebSocket> sent = socket.sendBinary(ByteBuffer.wrap(message), true);
            sent.get(60, TimeUnit.SECONDS);
        };
    }
}
