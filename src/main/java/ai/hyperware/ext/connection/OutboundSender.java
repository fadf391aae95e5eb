package ai.hyperware.ext.connection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * The one thread that writes to the node. One writer means the fragments of a large message can never interleave
 * with another message, and a slow node blocks only this thread, never the read thread or a handler.
 *
 * <p>Messages above {@code maxFrameSize} go out as a fragmented message (continuation frames), because the node
 * reads frames of at most 16 MiB. A send that fails puts the frame back at the front of the outbox and reports the
 * session as broken, so the frame goes out again on the next connection.
 *
 * <p>Replies are batched: while more are waiting, each is only copied into the WebSocket client's output buffer,
 * which goes to the socket when it is full, and is flushed as soon as the outbox is empty (or after
 * {@value #MAX_UNFLUSHED} replies). Under load this turns one system call per reply into one per buffer, the
 * largest single cost of a small reply; a lone reply still leaves at once. Replies not yet flushed are kept until the
 * flush succeeds, and go back to the outbox with the rest if it fails.
 */
final class OutboundSender {

    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);
    private static final long POLL_MILLIS = 250;
    /** Bounds what a burst holds unflushed: the output buffer goes out by itself every 8 KiB anyway. */
    private static final int MAX_UNFLUSHED = 64;

    /**
     * Tomcat's client writes a message by recursing once per 8 KiB output buffer when each write completes at
     * once, so a 16 MiB frame goes about 2,000 calls deep and overflows a default thread stack. The stack is
     * reserved address space; only what is used is touched.
     */
    private static final long STACK_BYTES = 64L * 1024 * 1024;

    private final ReplyOutbox outbox;
    private final int maxFrameSize;
    private final BiConsumer<WebSocketSession, Exception> onSendFailure;
    private final Consumer<String> onDeath;
    private final TrafficListener traffic;
    private final Object sessionMonitor = new Object();
    private WebSocketSession session;
    private volatile boolean running;
    private Thread thread;
    /** Written to the session's output buffer and perhaps not yet to the socket; only the sender thread uses it. */
    private final List<ReplyOutbox.Entry> unflushed = new ArrayList<>();
    private WebSocketSession batching;

    /**
     * @param onSendFailure told of a session a send failed on, to close and replace it
     * @param onDeath       told why, if the thread ends while it should be running (nothing will be sent again)
     */
    OutboundSender(ReplyOutbox outbox, int maxFrameSize, BiConsumer<WebSocketSession, Exception> onSendFailure,
            Consumer<String> onDeath, TrafficListener traffic) {
        this.outbox = outbox;
        this.maxFrameSize = maxFrameSize;
        this.onSendFailure = onSendFailure;
        this.onDeath = onDeath;
        this.traffic = traffic;
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(null, this::run, "hyperware-sender", STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(5));
            thread = null;
        }
    }

    /** Starts writing to a newly opened session. */
    void attach(WebSocketSession opened) {
        synchronized (sessionMonitor) {
            session = opened;
            sessionMonitor.notifyAll();
        }
    }

    /** Stops writing to a session that has closed. */
    void detach(WebSocketSession closed) {
        synchronized (sessionMonitor) {
            if (session == closed) {
                session = null;
            }
        }
    }

    private void run() {
        try {
            loop();
        } catch (Throwable fatal) { // an Error such as OutOfMemoryError: the thread is gone, say so before it goes
            onDeath.accept("the sender thread died: " + fatal);
            throw fatal;
        }
    }

    private void loop() {
        while (running) {
            try {
                WebSocketSession target = awaitSession();
                if (target != batching) {
                    startBatching(target);
                }
                if (target == null) {
                    continue;
                }
                ReplyOutbox.Entry entry = outbox.poll(0, TimeUnit.MILLISECONDS);
                if (entry == null) {
                    flush(target); // nothing else waits: what is batched goes out now
                    entry = outbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                }
                if (entry != null) {
                    deliver(target, entry);
                }
            } catch (InterruptedException e) {
                if (running) {
                    log.debug("Sender interrupted while running; continuing");
                }
            } catch (RuntimeException | StackOverflowError e) {
                log.error("Unexpected failure in the sender loop; it keeps going", e);
            }
        }
        putBackUnflushed(); // stopped: whatever was not flushed is counted when the outbox is cleared
    }

    private WebSocketSession awaitSession() throws InterruptedException {
        synchronized (sessionMonitor) {
            if (session == null || !session.isOpen()) {
                outbox.dropExpired();
                sessionMonitor.wait(POLL_MILLIS);
            }
            return session != null && session.isOpen() ? session : null;
        }
    }

    private void deliver(WebSocketSession target, ReplyOutbox.Entry entry) {
        unflushed.add(entry);
        try {
            write(target, entry.bytes());
            if (unflushed.size() >= MAX_UNFLUSHED) {
                flush(target);
            }
        } catch (IOException | RuntimeException e) {
            failed(target, e);
        } catch (StackOverflowError e) {
            failed(target, new IOException("stack overflow inside the WebSocket client's write", e));
        }
    }

    /**
     * Turns batching on for a newly attached session. Replies left unflushed on the previous one may never have
     * reached the socket: they go back to the outbox, to be sent again rather than lost (a reply whose requester
     * has it already is dropped by the node as late).
     */
    private void startBatching(WebSocketSession target) {
        putBackUnflushed();
        batching = target;
        RemoteEndpoint.Basic remote = basicRemote(target);
        if (remote != null) {
            try {
                remote.setBatchingAllowed(true);
            } catch (IOException | RuntimeException e) {
                log.debug("Batching not enabled; every reply is written on its own", e);
            }
        }
    }

    private void flush(WebSocketSession target) {
        if (unflushed.isEmpty()) {
            return;
        }
        RemoteEndpoint.Basic remote = basicRemote(target);
        try {
            if (remote != null && remote.getBatchingAllowed()) {
                remote.flushBatch();
            }
            outbox.sent(unflushed.size());
            unflushed.clear();
        } catch (IOException | RuntimeException e) {
            failed(target, e);
        }
    }

    private void failed(WebSocketSession target, Exception e) {
        putBackUnflushed();
        onSendFailure.accept(target, e);
    }

    private void putBackUnflushed() {
        for (int i = unflushed.size() - 1; i >= 0; i--) {
            outbox.putBack(unflushed.get(i)); // last first, so that the oldest ends up at the front
        }
        unflushed.clear();
    }

    /** The JSR-356 endpoint under Spring's session, or {@code null} for a session that has none. */
    private static RemoteEndpoint.Basic basicRemote(WebSocketSession target) {
        if (target instanceof NativeWebSocketSession nativeSession) {
            Session session = nativeSession.getNativeSession(Session.class);
            return session == null ? null : session.getBasicRemote();
        }
        return null;
    }

    private void write(WebSocketSession target, byte[] bytes) throws IOException {
        if (bytes.length <= maxFrameSize) {
            target.sendMessage(new BinaryMessage(bytes));
        } else {
            for (int offset = 0; offset < bytes.length; offset += maxFrameSize) {
                int length = Math.min(maxFrameSize, bytes.length - offset);
                boolean last = offset + length == bytes.length;
                target.sendMessage(new BinaryMessage(ByteBuffer.wrap(bytes, offset, length), last));
            }
        }
        try {
            traffic.sent(bytes.length);
        } catch (RuntimeException e) {
            log.debug("Traffic listener failed; the frame was sent regardless", e);
        }
    }
}
