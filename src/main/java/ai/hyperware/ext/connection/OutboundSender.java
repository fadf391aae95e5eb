package ai.hyperware.ext.connection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The one thread that writes to the node. One writer means the fragments of a large message can never interleave
 * with another message, and a slow node blocks only this thread, never the read thread or a handler.
 *
 * <p>Messages above {@code maxFrameSize} go out as a fragmented message (continuation frames), because the node
 * reads frames of at most 16 MiB. A send that fails puts the frame back at the front of the outbox and reports the
 * session as broken, so the frame goes out again on the next connection.
 */
final class OutboundSender {

    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);
    private static final long POLL_MILLIS = 250;

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
                if (target == null) {
                    continue;
                }
                ReplyOutbox.Entry entry = outbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
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
        try {
            write(target, entry.bytes());
            outbox.sent();
        } catch (IOException | RuntimeException e) {
            outbox.putBack(entry);
            onSendFailure.accept(target, e);
        } catch (StackOverflowError e) {
            outbox.putBack(entry);
            onSendFailure.accept(target, new IOException("stack overflow inside the WebSocket client's write", e));
        }
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
