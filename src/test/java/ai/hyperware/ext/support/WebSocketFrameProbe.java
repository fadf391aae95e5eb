package ai.hyperware.ext.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy that records the header of every WebSocket frame (RFC 6455 §5.2) the client sends through
 * it, leaving the bytes untouched. It shows how a peer fragments its messages, which no WebSocket API reveals.
 *
 * <pre>{@code
 * try (WebSocketFrameProbe probe = new WebSocketFrameProbe("127.0.0.1", node.port()).start()) {
 *     // connect the client to ws://127.0.0.1:<probe.port()>/... instead of the node's port
 *     assertThat(probe.clientFrames()).allMatch(frame -> frame.payloadLength() <= 16 << 20);
 * }
 * }</pre>
 */
public final class WebSocketFrameProbe implements AutoCloseable {

    /** One client-to-server frame header: opcode (0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong). */
    public record FrameHeader(int opcode, boolean fin, long payloadLength) {
    }

    private final String targetHost;
    private final int targetPort;
    private final List<FrameHeader> clientFrames = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket listener;

    public WebSocketFrameProbe(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Starts listening on 127.0.0.1, on a free port; unchecked, so that a static field can hold a started probe. */
    public WebSocketFrameProbe start() {
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port", e);
        }
        daemon("probe-accept", this::acceptLoop);
        return this;
    }

    /** The port clients connect to instead of the target's. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The headers of the frames clients have sent so far, in order, across all connections. */
    public List<FrameHeader> clientFrames() {
        return new ArrayList<>(clientFrames);
    }

    /** Cuts every proxied connection at once with a TCP reset, as a network failure would; keeps listening. */
    public void cutAll() {
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0); // a reset, not an orderly FIN
                socket.close();
            } catch (IOException alreadyClosed) {
                // nothing left to cut
            }
        }
        sockets.clear();
    }

    /** Stops listening and cuts every proxied connection. */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException alreadyClosed) {
            // nothing to stop
        }
        cutAll();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket target = new Socket();
                target.connect(new InetSocketAddress(targetHost, targetPort));
                sockets.add(client);
                sockets.add(target);
                FrameHeaderParser parser = new FrameHeaderParser();
                daemon("probe-client-to-server", () -> pump(client, target, parser));
                daemon("probe-server-to-client", () -> pump(target, client, null));
            } catch (IOException e) {
                // the listener closed, or the target refused this one connection
            }
        }
    }

    private static void pump(Socket from, Socket to, FrameHeaderParser parser) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                if (parser != null) {
                    parser.feed(buffer, read);
                }
            }
        } catch (IOException connectionGone) {
            // closing one side below ends the other pump too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Skips the HTTP upgrade request, then reads frame headers and skips their payloads, byte by byte as they come. */
    private final class FrameHeaderParser {
        private int httpTail; // how much of "\r\n\r\n" has been seen; 4 once the HTTP request is over
        private final byte[] header = new byte[14];
        private int headerLength;
        private long payloadLeft;

        void feed(byte[] bytes, int length) {
            for (int i = 0; i < length; ) {
                if (httpTail < 4) {
                    byte b = bytes[i++];
                    httpTail = b == "\r\n\r\n".charAt(httpTail) ? httpTail + 1 : (b == '\r' ? 1 : 0);
                } else if (payloadLeft > 0) {
                    int skipped = (int) Math.min(payloadLeft, length - i);
                    payloadLeft -= skipped;
                    i += skipped;
                } else {
                    header[headerLength++] = bytes[i++];
                    headerComplete();
                }
            }
        }

        private void headerComplete() {
            if (headerLength < 2) {
                return;
            }
            int lengthCode = header[1] & 0x7f;
            int lengthBytes = lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0;
            boolean masked = (header[1] & 0x80) != 0;
            if (headerLength < 2 + lengthBytes + (masked ? 4 : 0)) {
                return;
            }
            long payloadLength = lengthCode;
            if (lengthBytes > 0) {
                payloadLength = 0;
                for (int i = 0; i < lengthBytes; i++) {
                    payloadLength = (payloadLength << 8) | (header[2 + i] & 0xff);
                }
            }
            clientFrames.add(new FrameHeader(header[0] & 0x0f, (header[0] & 0x80) != 0, payloadLength));
            payloadLeft = payloadLength;
            headerLength = 0;
        }
    }
}
