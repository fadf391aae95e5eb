package ai.hyperware.ext.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.support.WebSocketFrameProbe;
import ai.hyperware.ext.support.WebSocketFrameProbe.FrameHeader;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameDecoder;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.FrameLayout;
import ai.hyperware.ext.wire.MessageType;
import ai.hyperware.ext.wire.TypeFieldName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator against a minimal extension written with the JDK's WebSocket client: what a node does, as
 * PROTOCOL.md §1-3 describe it.
 */
class NodeSimulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] PING = HEX.parseHex("a450696e67");
    private static final byte[] OK_PONG = HEX.parseHex("81a24f6ba4506f6e67");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void aReplyWithTheRequestIdCompletesTheRequest() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        TestExtension extension = connect(node, Map.of());

        CompletableFuture<SimulatedReply> reply = node.request(PING);
        Frame request = extension.nextFrame();
        extension.send(request.reply(OK_PONG));

        SimulatedReply answer = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.frame().id()).isEqualTo(request.id());
        assertThat(answer.isOk()).isTrue();
        assertThat(answer.okValue()).isEqualTo(HEX.parseHex("a4506f6e67"));
        assertThat(answer.render()).isEqualTo("{\"Ok\":\"Pong\"}");
        assertThat(node.pendingRequests()).isZero();
    }

    @Test
    void aReplyKeepsItsMessageBytesAsTheyCameOffTheWire() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        TestExtension extension = connect(node, Map.of());

        CompletableFuture<SimulatedReply> reply = node.request(Frame.of(7, MessageType.RESPONSE, PING));
        extension.nextMessage();
        // id 7 in the eight-byte form (cf ...07): the node's parser reads it, but a canonical writer would use 07
        byte[] wide = HEX.parseHex("81b4576562536f636b6574457874507573684461746183a26964cf0000000000000007"
                + "b66879706572776172655f6d6573736167655f74797065a8526573706f6e7365a4626c6f6299cc81cca24f6bcca4"
                + "506f6e67");
        extension.sendRaw(wide);

        SimulatedReply answer = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.frame().id()).isEqualTo(7);
        assertThat(answer.blob()).isEqualTo(OK_PONG);
        assertThat(answer.message()).isEqualTo(wide);
    }

    @Test
    void requestsAreWrittenAsTheNodeWritesThem() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        TestExtension extension = connect(node, Map.of());

        node.request(PING);
        Frame request = FrameDecoder.decode(extension.nextMessage());
        assertThat(request.type()).isEqualTo(MessageType.RESPONSE);
        assertThat(request.layout()).isEqualTo(FrameLayout.NAMED);
        assertThat(request.typeFieldName()).isEqualTo(TypeFieldName.HYPERWARE);
        assertThat(request.blob()).isEqualTo(PING);

        node.request(Frame.of(1, MessageType.RESPONSE, PING)); // PROTOCOL.md §5: frame node->ext id=1 Response Ping
        assertThat(HEX.formatHex(extension.nextMessage())).isEqualTo("81b4576562536f636b657445787450757368446174"
                + "6183a2696401b66879706572776172655f6d6573736167655f74797065a8526573706f6e7365a4626c6f6295cca4"
                + "50696e67");
    }

    @Test
    void anErrReplyExposesItsMessage() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        TestExtension extension = connect(node, Map.of());

        CompletableFuture<SimulatedReply> reply = node.request(PING);
        extension.send(extension.nextFrame().reply(RustResult.err("no handler")));

        SimulatedReply answer = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.isErr()).isTrue();
        assertThat(answer.errMessage()).isEqualTo("no handler");
        assertThatThrownBy(answer::okValue).hasMessageContaining("{\"Err\":\"no handler\"}");
    }

    @Test
    void anUnansweredRequestTimesOutNamingItsIdAndALaterReplyIsCountedAsLate() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder().requestTimeout(Duration.ofMillis(200)));
        TestExtension extension = connect(node, Map.of());

        CompletableFuture<SimulatedReply> reply = node.request(PING);
        Frame request = extension.nextFrame();

        assertThatThrownBy(() -> reply.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TimeoutException.class).hasMessageContaining(request.idString());
        extension.send(request.reply(OK_PONG));
        await().atMost(WAIT).until(() -> node.lateReplies() == 1);
        assertThat(node.pendingRequests()).isZero();
    }

    @Test
    void aRequestWithoutAConnectedExtensionFailsAtOnce() {
        NodeSimulator node = started(NodeSimulator.builder());

        assertThat(node.request(PING)).failsWithin(WAIT).withThrowableThat()
                .withMessageContaining("not connected");
        assertThat(node.pendingRequests()).isZero();
    }

    @Test
    void aRefusedHandshakeGetsAPlainHttpStatus() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        node.refuseHandshakes(403);

        assertThat(handshakeStatus(node.extensionUrl(), Map.of())).isEqualTo(403);

        node.acceptHandshakes();
        connect(node, Map.of());
        assertThat(node.isConnected()).isTrue();
    }

    @Test
    void aHeldHandshakeIsAnsweredOnlyWhenReleased() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        node.holdHandshakes();

        TestExtension extension = new TestExtension();
        CompletableFuture<WebSocket> opening = builder(Map.of()).buildAsync(node.extensionUrl(), extension);
        await().atMost(WAIT).until(() -> node.heldHandshakes() == 1);
        assertThat(opening).isNotDone();
        assertThat(node.connections()).isZero();

        node.releaseHandshakes();
        extension.socket = opening.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        toClose.add(extension);
        assertThat(node.awaitConnections(1, WAIT)).isTrue();
        assertThat(node.heldHandshakes()).isZero();
    }

    @Test
    void anAuthenticatedBindingDemandsTheLoginCookie() throws Exception {
        String cookie = "hyperware-auth_node.os=header.payload.signature";
        NodeSimulator node = started(NodeSimulator.builder().requiredCookie(cookie));

        assertThat(handshakeStatus(node.extensionUrl(), Map.of())).isEqualTo(401);
        assertThat(handshakeStatus(node.extensionUrl(), Map.of("Cookie", cookie + "x"))).isEqualTo(401);

        connect(node, Map.of("Cookie", "theme=dark; " + cookie));
        assertThat(node.connections()).isEqualTo(1);
    }

    @Test
    void aProxyHeaderIsRefusedWith403() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());

        assertThat(handshakeStatus(node.extensionUrl(), Map.of("X-Forwarded-For", "10.0.0.1"))).isEqualTo(403);
        assertThat(handshakeStatus(node.extensionUrl(), Map.of("X-Real-IP", "10.0.0.1"))).isEqualTo(403);
        assertThat(node.connections()).isZero();
    }

    @Test
    void aBindingWithAPathServesThatPathOnly() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder().process("myext:mypkg:publisher.os").path("/foo"));

        assertThat(node.extensionUrl()).isEqualTo(URI.create(node.nodeUrl() + "/myext:mypkg:publisher.os/foo"));
        assertThat(handshakeStatus(URI.create(node.nodeUrl() + "/myext:mypkg:publisher.os"), Map.of()))
                .isEqualTo(404);
        connect(node, Map.of());
        assertThat(node.isConnected()).isTrue();
    }

    @Test
    void stopFailsRequestsInFlightAndStartListensAgainOnTheSamePort() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        int port = node.port();
        TestExtension first = connect(node, Map.of());
        CompletableFuture<SimulatedReply> lost = node.request(PING);
        first.nextFrame();

        node.stop();
        assertThat(lost).failsWithin(WAIT).withThrowableThat().withCauseInstanceOf(NodeStoppedException.class);
        assertThat(node.isConnected()).isFalse();
        assertThat(handshakeFails(node.extensionUrl())).isTrue();

        node.start();
        node.start(); // already running: nothing happens
        assertThat(node.port()).isEqualTo(port);
        TestExtension second = connect(node, Map.of());
        CompletableFuture<SimulatedReply> reply = node.request(PING);
        second.send(second.nextFrame().reply(OK_PONG));
        assertThat(reply.get(WAIT.toSeconds(), TimeUnit.SECONDS).isOk()).isTrue();
        assertThat(node.connections()).isEqualTo(2);
    }

    @Test
    void aPortTakenByAnotherProcessFailsStartWithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NodeSimulator node = NodeSimulator.builder().port(taken.getLocalPort()).build();
            toClose.add(node);

            assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("is the port taken");
            assertThat(node.isRunning()).isFalse();
        }
    }

    @Test
    void withKeepRequestsOnStopAReplySentAfterTheRestartStillCompletesItsRequest() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder().keepRequestsOnStop(true));
        TestExtension first = connect(node, Map.of());
        CompletableFuture<SimulatedReply> reply = node.request(PING);
        Frame request = first.nextFrame();

        node.stop();
        node.start();
        TestExtension second = connect(node, Map.of());
        second.send(request.reply(OK_PONG));

        assertThat(reply.get(WAIT.toSeconds(), TimeUnit.SECONDS).isOk()).isTrue();
    }

    @Test
    void anUnsolicitedRequestFromTheExtensionLandsInPushes() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        TestExtension extension = connect(node, Map.of());

        Frame push = Frame.of(-1L, MessageType.REQUEST, OK_PONG);
        extension.send(push);

        assertThat(node.pushes().poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(push);
        assertThat(node.lateReplies()).isZero();
    }

    @Test
    void aKinodeNamedReplyIsUnparseableForAHyperdriveNode() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        TestExtension extension = connect(node, Map.of());

        CompletableFuture<SimulatedReply> reply = node.request(PING);
        Frame request = extension.nextFrame();
        extension.send(new Frame(request.id(), request.type(), OK_PONG, TypeFieldName.KINODE, FrameLayout.NAMED));

        await().atMost(WAIT).until(() -> node.unparseableReplies() == 1);
        assertThat(node.recentUnparseable()).singleElement()
                .satisfies(rejected -> assertThat(rejected.reason()).contains("kinode_message_type"));
        assertThat(reply).isNotDone(); // the requester waits in vain, as on a real node
    }

    @Test
    void aKinodeNodeSendsAndAcceptsTheKinodeFieldName() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder().kinodeNode(true));
        TestExtension extension = connect(node, Map.of());

        CompletableFuture<SimulatedReply> reply = node.request(PING);
        Frame request = extension.nextFrame();
        assertThat(request.typeFieldName()).isEqualTo(TypeFieldName.KINODE);
        extension.send(request.reply(OK_PONG));

        assertThat(reply.get(WAIT.toSeconds(), TimeUnit.SECONDS).isOk()).isTrue();
    }

    @Test
    void textAndPongMessagesAreUnparseable() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        TestExtension extension = connect(node, Map.of());

        extension.socket.sendText("{\"Ok\":\"Pong\"}", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        extension.socket.sendPong(ByteBuffer.wrap(PING)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        extension.send(Frame.of(7, MessageType.RESPONSE, new byte[0]).reply(OK_PONG));

        await().atMost(WAIT).until(() -> node.lateReplies() == 1); // frames are handled in order
        assertThat(node.unparseableReplies()).isEqualTo(2);
        assertThat(node.recentUnparseable()).extracting(UnparseableMessage::bytes)
                .containsExactly("{\"Ok\":\"Pong\"}".getBytes(), PING);
    }

    @Test
    void aMessageOverSixtyFourMebibytesIsUnparseable() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        TestExtension extension = connect(node, Map.of());
        byte[] part = new byte[16 * 1024 * 1024];

        for (int i = 0; i < 4; i++) {
            extension.socket.sendBinary(ByteBuffer.wrap(part), false).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        extension.socket.sendBinary(ByteBuffer.wrap(new byte[1]), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> node.unparseableReplies() == 1);
        UnparseableMessage rejected = node.recentUnparseable().get(0);
        assertThat(rejected.size()).isEqualTo(NodeSimulator.MAX_MESSAGE_BYTES + 1L);
        assertThat(rejected.truncated()).isTrue();
        assertThat(node.isConnected()).isTrue();
    }

    @Test
    void whileReadingIsPausedTheExtensionsWritesBackUpAndAfterResumingEveryMessageArrives() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        TestExtension extension = connect(node, Map.of());
        byte[] megabyte = new byte[1024 * 1024];
        Arrays.fill(megabyte, (byte) 1);
        ByteBuffer push = ByteBuffer.wrap(FrameEncoder.encode(Frame.of(9, MessageType.REQUEST, megabyte)));

        node.pauseReading();
        node.pauseReading(); // already paused: nothing happens
        CompletableFuture<WebSocket> blocked = null;
        int written = 0;
        // the TCP buffers on the way hold a few MiB at most; 64 MiB cannot all be written to a node that reads nothing.
        // A write still unfinished after 2 s counts as blocked: on a slow machine a write to a node that does read
        // might be taken for one, which can only let this test pass wrongly, never fail wrongly
        for (int i = 0; i < 64 && blocked == null; i++) {
            CompletableFuture<WebSocket> send = extension.socket.sendBinary(push.duplicate(), true).toCompletableFuture();
            try {
                send.get(2, TimeUnit.SECONDS);
                written++;
            } catch (TimeoutException stillWriting) {
                blocked = send;
            }
        }
        assertThat(blocked).as("a write that cannot finish while the node does not read").isNotNull();
        assertThat(node.pushes()).as("nothing read while paused").isEmpty();
        CompletableFuture<SimulatedReply> request = node.request(PING);
        assertThat(extension.nextFrame().blob()).as("the node still sends while it does not read").isEqualTo(PING);

        node.resumeReading();
        blocked.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        int sent = written + 1;
        await().atMost(WAIT).until(() -> node.pushes().size() == sent);
        assertThat(node.isConnected()).isTrue();
        assertThat(request).isNotDone();
    }

    @Test
    void aNewConnectionReplacesTheCurrentOne() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        TestExtension first = connect(node, Map.of());

        TestExtension second = connect(node, Map.of());

        assertThat(first.closed).succeedsWithin(WAIT).isEqualTo("close 1000");
        assertThat(node.connections()).isEqualTo(2);
        CompletableFuture<SimulatedReply> reply = node.request(PING);
        second.send(second.nextFrame().reply(OK_PONG));
        assertThat(reply.get(WAIT.toSeconds(), TimeUnit.SECONDS).isOk()).isTrue();
    }

    @Test
    void aDroppedConnectionEndsWithoutACloseFrameAndARequestInFlightCanBeAnsweredOnTheNextOne()
            throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        RawClient first = new RawClient(node);
        toClose.add(first);
        CompletableFuture<SimulatedReply> reply = node.request(PING);
        Frame request = FrameDecoder.decode(first.nextBinaryMessage());

        node.dropConnection();

        assertThat(first.opcodesUntilEndOfStream()).as("frames before the end, a close frame (8) among them")
                .isEmpty();
        assertThat(node.isConnected()).isFalse();
        TestExtension second = connect(node, Map.of());
        second.send(request.reply(OK_PONG));
        assertThat(reply.get(WAIT.toSeconds(), TimeUnit.SECONDS).isOk()).isTrue();
    }

    @Test
    void aFortyMebibyteReplyArrivesAsSixteenMebibyteFragments() throws Exception {
        NodeSimulator node = started(NodeSimulator.builder());
        WebSocketFrameProbe probe = new WebSocketFrameProbe("127.0.0.1", node.port()).start();
        toClose.add(probe);
        TestExtension extension = connect(node,
                URI.create("ws://127.0.0.1:" + probe.port() + node.extensionUrl().getPath()), Map.of());
        int fragment = 16 * 1024 * 1024;
        byte[] blob = new byte[40 * 1024 * 1024 - 64];
        Arrays.fill(blob, (byte) 1);

        CompletableFuture<SimulatedReply> reply = node.request(PING);
        byte[] encoded = FrameEncoder.encode(extension.nextFrame().reply(blob));
        for (int offset = 0; offset < encoded.length; offset += fragment) {
            int length = Math.min(fragment, encoded.length - offset);
            extension.socket.sendBinary(ByteBuffer.wrap(encoded, offset, length), offset + length == encoded.length)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(reply.get(WAIT.toSeconds(), TimeUnit.SECONDS).blob()).isEqualTo(blob);
        assertThat(probe.clientFrames()).filteredOn(header -> header.opcode() < 8).containsExactly(
                new FrameHeader(2, false, fragment),
                new FrameHeader(0, false, fragment),
                new FrameHeader(0, true, encoded.length - 2L * fragment));
    }

    private NodeSimulator started(NodeSimulator.Builder builder) {
        NodeSimulator node = builder.build().start();
        toClose.add(node);
        return node;
    }

    private TestExtension connect(NodeSimulator node, Map<String, String> headers) throws Exception {
        return connect(node, node.extensionUrl(), headers);
    }

    /** Connects, and waits until the node has accepted the connection too (the client may learn it first). */
    private TestExtension connect(NodeSimulator node, URI url, Map<String, String> headers) throws Exception {
        int before = node.connections();
        TestExtension extension = new TestExtension();
        extension.socket = builder(headers).buildAsync(url, extension).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        toClose.add(extension);
        assertThat(node.awaitConnections(before + 1, WAIT)).as("the node accepted the connection").isTrue();
        return extension;
    }

    private static int handshakeStatus(URI url, Map<String, String> headers) throws Exception {
        try {
            builder(headers).buildAsync(url, new TestExtension()).get(WAIT.toSeconds(), TimeUnit.SECONDS).abort();
            throw new AssertionError("the handshake to " + url + " succeeded");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    private static boolean handshakeFails(URI url) throws Exception {
        try {
            builder(Map.of()).buildAsync(url, new TestExtension()).get(WAIT.toSeconds(), TimeUnit.SECONDS).abort();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private static WebSocket.Builder builder(Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        headers.forEach(builder::header);
        return builder;
    }

    /** The least an extension does: collect whole binary messages, send frames, notice the end. */
    private static final class TestExtension implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final ByteArrayOutputStream parts = new ByteArrayOutputStream();
        WebSocket socket;

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            parts.writeBytes(bytes);
            webSocket.request(1); // before the test can go on: without demand the client may miss the end
            if (last) {
                messages.add(parts.toByteArray());
                parts.reset();
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete("close " + statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }

        byte[] nextMessage() throws InterruptedException {
            byte[] message = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(message).as("a message from the node").isNotNull();
            return message;
        }

        Frame nextFrame() throws Exception {
            return FrameDecoder.decode(nextMessage());
        }

        void send(Frame frame) throws Exception {
            sendRaw(FrameEncoder.encode(frame));
        }

        void sendRaw(byte[] message) throws Exception {
            socket.sendBinary(ByteBuffer.wrap(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    /**
     * A client with no WebSocket library, for what libraries hide: whether any frame, a close frame above all, came
     * before the end of the stream. (The JDK client also misses an end of stream now and then, and hangs.)
     */
    private static final class RawClient implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;

        RawClient(NodeSimulator node) throws Exception {
            int before = node.connections();
            socket = new Socket(InetAddress.getLoopbackAddress(), node.port());
            socket.setSoTimeout((int) WAIT.toMillis()); // a missing end of stream fails the test, not hangs it
            socket.getOutputStream().write(("GET " + node.extensionUrl().getPath() + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            String response = readHttpHead();
            assertThat(response).startsWith("HTTP/1.1 101");
            assertThat(node.awaitConnections(before + 1, WAIT)).isTrue();
        }

        private String readHttpHead() throws Exception {
            StringBuilder head = new StringBuilder();
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            return head.toString();
        }

        /** The payload of the next frame, which must be a whole binary message. */
        byte[] nextBinaryMessage() throws Exception {
            int first = in.readUnsignedByte();
            assertThat(first).as("FIN and opcode 2").isEqualTo(0x82);
            return in.readNBytes((int) payloadLength());
        }

        /** Reads to the end of the stream, returning the opcode of every frame on the way. */
        List<Integer> opcodesUntilEndOfStream() throws Exception {
            List<Integer> opcodes = new ArrayList<>();
            for (int first; (first = in.read()) >= 0; ) {
                opcodes.add(first & 0x0f);
                in.skipNBytes(payloadLength());
            }
            return opcodes;
        }

        private long payloadLength() throws Exception {
            int length = in.readUnsignedByte() & 0x7f; // frames from a server are not masked
            return length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
