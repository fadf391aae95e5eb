package ai.hyperware.ext.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameDecoder;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.MalformedFrameException;
import ai.hyperware.ext.wire.MessageType;

/**
 * A node written on plain sockets, for what the simulator's WebSocket server cannot do: answer the upgrade wrongly,
 * send malformed frames, read in bursts with pauses, and check every byte the extension writes with a
 * {@link StrictFrameParser}. It counts the extension's replies by id, so a test can tell that each request was
 * answered exactly once.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RawNode node = RawNode.start();
 *
 * @DynamicPropertySource
 * static void node(DynamicPropertyRegistry registry) { node.pointExtensionAt(registry); }
 *
 * RawNode.Connection connection = node.awaitConnection(Duration.ofSeconds(30));
 * connection.sendFrame(RawNode.request(1, RustEnumValue.unit("Ping").toBytes()));
 * }</pre>
 */
public final class RawNode implements AutoCloseable, AfterAllCallback {

    public static final String PROCESS = "ext:ext:raw.os";

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** How the node answers the next upgrades. */
    public enum Upgrade {
        /** 101 with the right {@code Sec-WebSocket-Accept}. */
        ACCEPT,
        /** 101 with an accept value for another key. */
        WRONG_ACCEPT,
        /** No answer at all: the request is read and left waiting. */
        SILENT,
        /** 101, then at once a FIN: a node (or proxy) that accepts and drops the extension. */
        ACCEPT_THEN_CLOSE
    }

    private final ServerSocket listener;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Connection> opened = new LinkedBlockingQueue<>();
    private final Map<Long, AtomicInteger> repliesById = new ConcurrentHashMap<>();
    private final AtomicLong unparseable = new AtomicLong();
    private volatile Upgrade upgrade = Upgrade.ACCEPT;
    private volatile Consumer<Frame> replyListener = frame -> { };
    private volatile long burstNanos;
    private volatile long pauseNanos;

    private RawNode(ServerSocket listener) {
        this.listener = listener;
        Thread accepter = new Thread(this::acceptLoop, "raw-node-accept");
        accepter.setDaemon(true);
        accepter.start();
    }

    /** Listens on a free loopback port. */
    public static RawNode start() {
        try {
            return new RawNode(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node's address, for {@code hyperware.extension.node-url}. */
    public String url() {
        return "ws://127.0.0.1:" + listener.getLocalPort();
    }

    /** Points the application at this node. */
    public void pointExtensionAt(DynamicPropertyRegistry registry) {
        registry.add("hyperware.extension.node-url", this::url);
        registry.add("hyperware.extension.process", () -> PROCESS);
    }

    /** A request frame as a node writes it ({@code rmp_serde::to_vec_named}, type Request). */
    public static byte[] request(long id, byte[] blob) {
        return FrameEncoder.encode(Frame.of(id, MessageType.REQUEST, blob));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    public void answerUpgradesWith(Upgrade how) {
        upgrade = how;
    }

    /** Reads only in bursts of {@code burst}, pausing {@code pause} between them, like a node that keeps stalling. */
    public void readInBursts(Duration burst, Duration pause) {
        burstNanos = burst.toNanos();
        pauseNanos = pause.toNanos();
    }

    /** Told of every reply (a binary message that parses as a frame), on the reading thread. */
    public void onReply(Consumer<Frame> listener) {
        replyListener = listener;
    }

    /** The next connection whose upgrade the node accepted, waiting up to {@code timeout}; {@code null} if none. */
    public Connection awaitConnection(Duration timeout) throws InterruptedException {
        return opened.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every connection accepted so far, upgraded or not. */
    public List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** How many replies each id got. */
    public Map<Long, AtomicInteger> repliesById() {
        return repliesById;
    }

    /** Binary messages from the extension that were not frames the node could parse. */
    public long unparseable() {
        return unparseable.get();
    }

    /** Every protocol violation the parser found, on every connection. */
    public List<String> violations() {
        List<String> all = new ArrayList<>();
        connections.forEach(c -> all.addAll(c.parser.violations()));
        return all;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Connection connection : connections) {
            connection.socket.close();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                Connection connection = new Connection(socket);
                connections.add(connection);
                Thread reader = new Thread(connection::serve, "raw-node-read-" + connections.size());
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One TCP connection from the extension. */
    public final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final StrictFrameParser parser;
        private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
        private final List<String> closeReasons = new CopyOnWriteArrayList<>();
        private final List<byte[]> pongs = new CopyOnWriteArrayList<>();
        private volatile String requestHead;
        private volatile boolean ended;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.parser = new StrictFrameParser(this::message);
        }

        /** WebSocket frames the extension has written on this connection, every kind, each checked by the parser. */
        public long frames() {
            return parser.frames();
        }

        /** The upgrade request as the extension sent it: request line and headers. */
        public String requestHead() {
            return requestHead;
        }

        /** Codes of the close frames the extension sent on this connection. */
        public List<Integer> closeCodes() {
            return closeCodes;
        }

        public List<String> closeReasons() {
            return closeReasons;
        }

        /** Payloads of the pong frames the extension sent on this connection. */
        public List<byte[]> pongs() {
            return pongs;
        }

        public List<String> violations() {
            return parser.violations();
        }

        /** Whether the extension has closed the TCP connection (or it failed). */
        public boolean ended() {
            return ended;
        }

        /** Sends one unmasked binary frame with FIN, as a node sends a request. */
        public synchronized void sendFrame(byte[] payload) throws IOException {
            out.write(header(0x82, payload.length));
            out.write(payload);
            out.flush();
        }

        /** Sends bytes as they are: a malformed frame, a close, half a frame. */
        public synchronized void sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Ends the TCP connection with a FIN and no close frame. */
        public void shutdownOutput() throws IOException {
            socket.shutdownOutput();
        }

        private void serve() {
            try (InputStream in = socket.getInputStream()) {
                byte[] leftover = handshake(in);
                if (leftover == null) {
                    return;
                }
                parser.feed(leftover, 0, leftover.length);
                opened.add(this);
                read(in);
            } catch (IOException e) {
                // the extension went away
            } finally {
                ended = true;
            }
        }

        private void read(InputStream in) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            long burstStart = System.nanoTime();
            while (true) {
                if (burstNanos > 0 && System.nanoTime() - burstStart > burstNanos) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(pauseNanos); // the node's own stall, not a wait on a condition
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    burstStart = System.nanoTime();
                }
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                parser.feed(buffer, 0, n);
            }
        }

        /** Reads the upgrade request and answers it; returns the bytes read past it, or null if it was refused. */
        private byte[] handshake(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            }
            requestHead = head.toString(StandardCharsets.ISO_8859_1);
            Upgrade how = upgrade;
            if (how == Upgrade.SILENT) {
                while (in.read() >= 0) {
                    // say nothing until the extension gives up
                }
                return null;
            }
            String key = header(requestHead, "sec-websocket-key");
            String accept = accept(how == Upgrade.WRONG_ACCEPT ? key + "x" : key);
            sendRaw(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (how == Upgrade.ACCEPT_THEN_CLOSE) {
                socket.close();
                return null;
            }
            return new byte[0];
        }

        private void message(StrictFrameParser.Message message) {
            switch (message.opcode()) {
                case 2 -> reply(message.payload());
                case 8 -> {
                    byte[] p = message.payload();
                    closeCodes.add(p.length >= 2 ? ((p[0] & 0xff) << 8) | (p[1] & 0xff) : 1005);
                    closeReasons.add(p.length > 2 ? new String(p, 2, p.length - 2, StandardCharsets.UTF_8) : "");
                }
                case 10 -> pongs.add(message.payload());
                default -> { }
            }
        }

        private void reply(byte[] payload) {
            Frame frame;
            try {
                frame = FrameDecoder.decode(payload);
            } catch (MalformedFrameException e) {
                unparseable.incrementAndGet();
                return;
            }
            repliesById.computeIfAbsent(frame.id(), id -> new AtomicInteger()).incrementAndGet();
            replyListener.accept(frame);
        }
    }

    /** The header of an unmasked frame from the node. */
    public static byte[] header(int b0, int length) {
        ByteBuffer header = ByteBuffer.allocate(10);
        header.put((byte) b0);
        if (length < 126) {
            header.put((byte) length);
        } else if (length <= 0xffff) {
            header.put((byte) 126).putShort((short) length);
        } else {
            header.put((byte) 127).putLong(length);
        }
        byte[] bytes = new byte[header.position()];
        header.flip().get(bytes);
        return bytes;
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
