package ai.hyperware.ext.simulator;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

import jakarta.websocket.Session;

import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.FrameLayout;
import ai.hyperware.ext.wire.MessageType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a Hyperware node's http-server side of an extension connection, on a loopback port: the peer for the demo,
 * for integration tests, and for anyone testing an extension without a node.
 *
 * <p>It behaves as PROTOCOL.md describes the node: it refuses handshakes with plain HTTP errors (non-loopback peer,
 * proxy headers, missing login cookie, or a node without {@code --expose-local}); it sends each request as one
 * binary frame, named layout, random u64 id, type Response; it reads replies of up to 64 MiB, fragmented or not;
 * it forgets a request after its timeout; a reply its parser would reject is counted, not delivered.
 *
 * <pre>{@code
 * try (NodeSimulator node = NodeSimulator.builder().process("ext:ext:test.os").build().start()) {
 *     // point the extension at node.nodeUrl(), e.g. ws://127.0.0.1:PORT
 *     assertThat(node.awaitConnection(Duration.ofSeconds(10))).isTrue();
 *     SimulatedReply reply = node.request(RustEnumValue.unit("Ping").toBytes()).get(15, TimeUnit.SECONDS);
 *     assertThat(reply.render()).isEqualTo("{\"Ok\":\"Pong\"}");
 *
 *     node.stop();   // the node goes away: the connection drops, the port is free
 *     node.start();  // and comes back on the same port
 * }
 * }</pre>
 *
 * <p>Thread-safe. Futures complete on Tomcat's or the simulator's own threads: do not block inside their callbacks.
 */
public final class NodeSimulator implements AutoCloseable {

    /** The largest message the node reads from an extension, and the largest it sends: 64 MiB. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(NodeSimulator.class);

    private final SimulatorSettings settings;
    private final HandshakeGuard guard;
    private final ExtensionConnections connections = new ExtensionConnections();
    private final PendingRequests pending;
    private final InboundRouter inbound;
    private final OutboundSender sender;
    private final EmbeddedNodeServer server;
    private final Object lifecycle = new Object();
    private volatile int boundPort; // 0 until the first start; every later start binds the same port
    private volatile boolean running;
    private volatile boolean closed;
    private Session paused; // guarded by lifecycle

    private NodeSimulator(SimulatorSettings settings) {
        this.settings = settings;
        this.guard = new HandshakeGuard(settings.requiredCookie());
        this.pending = new PendingRequests(settings.requestTimeout(), "node-simulator-timeouts");
        this.inbound = new InboundRouter(pending, settings.acceptedTypeFieldName());
        this.sender = new OutboundSender("node-simulator-sender");
        this.server = new EmbeddedNodeServer(settings.endpointPath(), guard,
                () -> new ExtensionEndpoint(connections, inbound));
    }

    /** A builder with the defaults: process {@code ext:ext:test.os}, path {@code /}, an ephemeral port, 15 s. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening, on the port bound by the first start if there was one, so that an extension reconnects to
     * the address it knows. Does nothing if already running.
     *
     * @return this, for {@code builder().build().start()}
     * @throws IllegalStateException if closed, or if the port cannot be bound
     */
    public NodeSimulator start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("this node simulator is closed; build a new one");
            }
            if (!running) {
                boundPort = server.start(boundPort != 0 ? boundPort : settings.port());
                running = true;
                log.info("node simulator started: extensions connect to {}", extensionUrl());
            }
        }
        return this;
    }

    /**
     * Stops the node as a crash would: the extension's connection is cut without a close frame, the port stops
     * listening, and every request awaiting a reply fails with {@link NodeStoppedException} (unless built with
     * {@link Builder#keepRequestsOnStop(boolean)}). Start it again with {@link #start()}. Does nothing if not
     * running.
     */
    public void stop() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            guard.releaseAll(); // a held request thread would keep the server from stopping
            Session current = connections.detach();
            if (current != null) {
                AbruptClose.cut(current);
            }
            server.stop();
            if (settings.keepRequestsOnStop()) {
                log.info("node simulator on port {} stopped; {} request(s) in flight still wait for a reply",
                        boundPort, pending.size());
            } else {
                int lost = pending.failAll(NodeStoppedException::new);
                log.info("node simulator on port {} stopped; {} request(s) in flight lost", boundPort, lost);
            }
        }
    }

    /** Stops for good, fails every request still waiting with {@link NodeStoppedException}, releases the threads. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            stop();
            closed = true;
            pending.failAll(NodeStoppedException::new); // kept by keepRequestsOnStop, but no reply can come now
            sender.close();
            pending.close();
        }
    }

    /** Whether the server is listening. */
    public boolean isRunning() {
        return running;
    }

    /** The port the node listens on (the same after every restart). */
    public int port() {
        if (boundPort == 0) {
            throw new IllegalStateException("the node simulator has not been started yet");
        }
        return boundPort;
    }

    /** The node's base URL, {@code ws://127.0.0.1:PORT}, which an extension is configured with. */
    public URI nodeUrl() {
        return URI.create("ws://127.0.0.1:" + port());
    }

    /** The full URL an extension connects to, e.g. {@code ws://127.0.0.1:PORT/ext:ext:test.os}. */
    public URI extensionUrl() {
        return URI.create(nodeUrl() + settings.endpointPath());
    }

    /**
     * Waits until an extension is connected; {@code false} if none is by the deadline, or if the waiting thread
     * is interrupted (its interrupt flag is then set again).
     *
     * <p>This is the node's view: the connection counts once the node has answered the upgrade, which can be
     * before the extension has read that answer. To be sure the extension's side is connected too (before stopping
     * it, say, or reading its health), have it answer a request.
     */
    public boolean awaitConnection(Duration timeout) {
        return connections.await(connections::isConnected, timeout);
    }

    /**
     * Waits until at least {@code count} connections have been accepted since the simulator was built and one is
     * connected, e.g. {@code connections() + 1} to wait for a reconnect; {@code false} as
     * {@link #awaitConnection(Duration)}.
     */
    public boolean awaitConnections(int count, Duration timeout) {
        return connections.await(() -> connections.accepted() >= count && connections.isConnected(), timeout);
    }

    /** Whether an extension is connected now. */
    public boolean isConnected() {
        return connections.isConnected();
    }

    /**
     * The close codes of the extension connections closed so far, oldest first: 1001 (going away) from an extension
     * that shut down gracefully, 1000 for one this simulator replaced, 1006 for one that vanished.
     */
    public List<Integer> closeCodes() {
        return connections.closeCodes();
    }

    /** How many extension connections have been accepted so far, across restarts. */
    public int connections() {
        return connections.accepted();
    }

    /**
     * Sends a request as the interface process does: a random u64 id (about half at or above 2^63), type Response
     * (the reply type the process wants), named layout, the type field name of the simulated node version.
     *
     * @return completes with the reply; fails with a {@link java.util.concurrent.TimeoutException} naming the id
     *         after the request timeout, with {@link NodeStoppedException} if the node stops first, with an
     *         {@link IOException} if the connection is gone before the request is written, or at once with
     *         {@link IllegalStateException} if no extension is connected (await one with
     *         {@link #awaitConnection(Duration)} first)
     */
    public CompletableFuture<SimulatedReply> request(byte[] blob) {
        if (closed) {
            return CompletableFuture.failedFuture(notConnected());
        }
        PendingRequests.Registered request = pending.registerWithRandomId();
        Frame frame = new Frame(request.id(), MessageType.RESPONSE, blob, settings.acceptedTypeFieldName(),
                FrameLayout.NAMED);
        send(frame, request.reply());
        return request.reply();
    }

    /**
     * Sends exactly this frame and waits for the reply with its id, for tests that need a given id, type or layout.
     *
     * @return as {@link #request(byte[])}; fails at once with {@link IllegalArgumentException} if a request with
     *         the same id is still waiting
     */
    public CompletableFuture<SimulatedReply> request(Frame frame) {
        CompletableFuture<SimulatedReply> reply = expectReply(frame.id());
        if (!reply.isDone()) {
            send(frame, reply);
        }
        return reply;
    }

    /**
     * Waits for a reply with this id without sending anything: for a request written by hand with
     * {@link #sendRaw(byte[])}. The reply is routed and times out exactly as for {@link #request(Frame)}.
     *
     * <pre>{@code
     * CompletableFuture<SimulatedReply> reply = node.expectReply(3);
     * node.sendRaw(truncatedFrameWithId3);
     * assertThat(reply.get(15, TimeUnit.SECONDS).isErr()).isTrue();
     * }</pre>
     *
     * @return fails at once with {@link IllegalArgumentException} if a request with this id is already waiting
     */
    public CompletableFuture<SimulatedReply> expectReply(long id) {
        if (closed) {
            return CompletableFuture.failedFuture(notConnected());
        }
        CompletableFuture<SimulatedReply> reply = pending.register(id);
        return reply != null ? reply : CompletableFuture.failedFuture(new IllegalArgumentException(
                "a request with id " + Long.toUnsignedString(id) + " is already waiting for its reply"));
    }

    private void send(Frame frame, CompletableFuture<SimulatedReply> reply) {
        Session session = currentSession();
        if (session == null) {
            pending.fail(frame.id(), reply, notConnected());
            return;
        }
        byte[] message = FrameEncoder.encode(frame);
        if (message.length > MAX_MESSAGE_BYTES) {
            pending.fail(frame.id(), reply, new IllegalArgumentException("request id " + frame.idString() + " is "
                    + message.length + " bytes encoded; a node sends messages of at most " + MAX_MESSAGE_BYTES));
            return;
        }
        log.debug("request {}", frame);
        sender.sendBinary(session, message).whenComplete((sent, error) -> {
            if (error != null) {
                String why = session.isOpen() ? "writing to the extension failed"
                        : "the extension is not connected any more";
                pending.fail(frame.id(), reply, new IOException("request id " + frame.idString() + " was not sent: "
                        + why + " (" + error + ")", error));
            }
        });
    }

    /**
     * Sends bytes as one binary message, correlated with nothing: for tests of what an extension does with bad
     * input. The future completes once the bytes are written.
     */
    public CompletableFuture<Void> sendRaw(byte[] bytes) {
        Session session = currentSession();
        return session == null ? CompletableFuture.failedFuture(notConnected()) : sender.sendBinary(session, bytes);
    }

    /** Sends a text message, which a node never does: for tests of an extension's robustness. */
    public CompletableFuture<Void> sendText(String text) {
        Session session = currentSession();
        return session == null ? CompletableFuture.failedFuture(notConnected()) : sender.sendText(session, text);
    }

    private Session currentSession() {
        return running ? connections.current() : null;
    }

    private IllegalStateException notConnected() {
        return new IllegalStateException(running ? "nothing sent: the extension is not connected to " + extensionUrl()
                : closed ? "the node simulator is closed" : "the node simulator is not running: call start()");
    }

    /**
     * Cuts the extension's connection as a crashing node would, without a close frame. The simulator keeps
     * listening; requests in flight keep waiting, and a reply sent on a new connection still answers them.
     */
    public void dropConnection() {
        Session current = connections.detach();
        if (current != null) {
            log.info("dropping extension connection {}", current.getId());
            AbruptClose.cut(current);
        }
    }

    /**
     * Stops reading from the extension's current connection, as a node whose loop has stalled: the extension's
     * replies pile up in the TCP buffers until its writes block. Requests can still be sent to it. Only this
     * connection is paused: a new connection (after the extension gives up on this one) is read normally, as is
     * this one again after {@link #resumeReading()}. Does nothing if reading is already paused.
     *
     * <pre>{@code
     * node.pauseReading();
     * node.request(blob);           // reaches the extension; its reply waits in the socket
     * node.resumeReading();         // the reply arrives
     * }</pre>
     *
     * @throws IllegalStateException if no extension is connected
     */
    public void pauseReading() {
        synchronized (lifecycle) {
            if (paused != null && paused.isOpen()) {
                return;
            }
            Session current = currentSession();
            if (current == null) {
                throw new IllegalStateException(notConnected().getMessage());
            }
            ReadingPause.suspend(current);
            paused = current;
            log.info("stopped reading from extension connection {}", current.getId());
        }
    }

    /** Reads the connection paused by {@link #pauseReading()} again, if it is still open. */
    public void resumeReading() {
        synchronized (lifecycle) {
            Session resumed = paused;
            paused = null;
            if (resumed != null && resumed.isOpen()) {
                ReadingPause.resume(resumed);
                log.info("reading from extension connection {} again", resumed.getId());
            }
        }
    }

    /** Answers every new handshake with this HTTP status, as a node started without {@code --expose-local}. */
    public void refuseHandshakes(int httpStatus) {
        guard.refuseAll(httpStatus);
    }

    /** Undoes {@link #refuseHandshakes(int)}. */
    public void acceptHandshakes() {
        guard.acceptAll();
    }

    /**
     * Holds every new handshake before the node answers it, as a slow node would, until
     * {@link #releaseHandshakes()}: for testing what an extension does while its connection is still opening.
     * {@link #stop()} releases them too. The extension's own handshake timeout still runs.
     *
     * <pre>{@code
     * node.holdHandshakes();
     * // start the extension, then wait until node.heldHandshakes() == 1
     * node.releaseHandshakes();     // the upgrade is answered now
     * }</pre>
     */
    public void holdHandshakes() {
        guard.holdAll();
    }

    /** Answers the handshakes held by {@link #holdHandshakes()} and lets new ones through. */
    public void releaseHandshakes() {
        guard.releaseAll();
    }

    /** How many handshakes {@link #holdHandshakes()} is holding now. */
    public int heldHandshakes() {
        return guard.held();
    }

    /** Frames of type Request from the extension whose id matched no pending request: its unsolicited pushes. */
    public BlockingQueue<Frame> pushes() {
        return inbound.pushes();
    }

    /** How many messages from the extension the node's parser would have rejected (and forwarded raw). */
    public long unparseableReplies() {
        return inbound.unparseable();
    }

    /** The last few of those messages, oldest first, with the reason each was rejected. */
    public List<UnparseableMessage> recentUnparseable() {
        return inbound.recentUnparseable();
    }

    /** How many well-formed replies matched no pending request, e.g. because the request had timed out. */
    public long lateReplies() {
        return inbound.late();
    }

    /** How many requests are waiting for their reply. */
    public int pendingRequests() {
        return pending.size();
    }

    /** Configures a {@link NodeSimulator}; every setting has a default. */
    public static final class Builder {
        private String process = "ext:ext:test.os";
        private String path = "/";
        private int port;
        private String requiredCookie;
        private Duration requestTimeout = Duration.ofSeconds(15);
        private boolean kinodeNode;
        private boolean keepRequestsOnStop;

        private Builder() {
        }

        /** The interface process that binds the extension path, e.g. {@code myext:mypkg:publisher.os}. */
        public Builder process(String process) {
            this.process = process;
            return this;
        }

        /** The bound extension path: {@code /} (the default) or e.g. {@code /foo}. */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one, which later restarts reuse. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Makes the binding authenticated: a handshake must carry this exact cookie, e.g.
         * {@code hyperware-auth_node.os=<JWT>}, or gets HTTP 401. {@code null} (the default) accepts any.
         */
        public Builder requiredCookie(String cookie) {
            this.requiredCookie = cookie;
            return this;
        }

        /** How long a request waits for its reply, as the process's {@code expects_response(15)}; default 15 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * Simulates a Kinode node up to 1.0.0: requests carry {@code kinode_message_type}, and replies named
         * {@code hyperware_message_type} are unparseable. Default false: a Hyperdrive 1.1+ node, the reverse.
         */
        public Builder kinodeNode(boolean kinodeNode) {
            this.kinodeNode = kinodeNode;
            return this;
        }

        /**
         * Makes {@link NodeSimulator#stop()} an outage of the listener rather than a crash: requests in flight keep
         * waiting until their timeout, and a reply the extension sends after {@link NodeSimulator#start()} still
         * completes them, as after a dropped connection (PROTOCOL.md §3). Default false: a stop fails them.
         */
        public Builder keepRequestsOnStop(boolean keep) {
            this.keepRequestsOnStop = keep;
            return this;
        }

        /** A simulator, not yet started. */
        public NodeSimulator build() {
            return new NodeSimulator(new SimulatorSettings(process, path, port, requiredCookie, requestTimeout,
                    kinodeNode, keepRequestsOnStop));
        }
    }
}
