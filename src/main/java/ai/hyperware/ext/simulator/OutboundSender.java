package ai.hyperware.ext.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.Session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends messages to the extension from one thread, in the order they were queued.
 *
 * <p>Callers never wait on the socket: a test thread that sends a request while the extension is slow to read
 * must not hang. One thread (never two at once) also means the bytes of one message are never interleaved with
 * another's, which the WebSocket API forbids. Each message goes out as one binary frame, as the node sends it.
 */
final class OutboundSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);

    private final ThreadPoolExecutor thread;

    OutboundSender(String threadName) {
        // one worker at most; it leaves when idle and a new one takes over with the next message, so a simulator
        // that is never closed leaves no thread behind
        thread = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DaemonThreads(threadName));
        thread.allowCoreThreadTimeOut(true);
    }

    /** Queues one binary message; the future completes once it is written, or fails with the cause. */
    CompletableFuture<Void> sendBinary(Session session, byte[] message) {
        return submit(session, () -> session.getBasicRemote().sendBinary(ByteBuffer.wrap(message)),
                message.length + " bytes");
    }

    /** Queues one text message, as a misbehaving peer might send. */
    CompletableFuture<Void> sendText(Session session, String message) {
        return submit(session, () -> session.getBasicRemote().sendText(message), "text of " + message.length()
                + " chars");
    }

    private interface Write {
        void run() throws IOException;
    }

    /** One queued message, which can still be failed if the simulator closes before it is written. */
    private record Send(Session session, Write write, String what, CompletableFuture<Void> sent) implements Runnable {
        @Override
        public void run() {
            try {
                write.run();
                log.debug("sent {} to connection {}", what, session.getId());
                sent.complete(null);
            } catch (IOException | RuntimeException e) {
                log.debug("could not send {} to connection {}: {}", what, session.getId(), e.toString());
                sent.completeExceptionally(e);
            }
        }
    }

    private CompletableFuture<Void> submit(Session session, Write write, String what) {
        Send send = new Send(session, write, what, new CompletableFuture<>());
        try {
            thread.execute(send);
        } catch (RejectedExecutionException closed) {
            send.sent().completeExceptionally(new IllegalStateException("the node simulator is closed"));
        }
        return send.sent();
    }

    @Override
    public void close() {
        for (Runnable unsent : thread.shutdownNow()) {
            ((Send) unsent).sent().completeExceptionally(new IllegalStateException("the node simulator is closed"));
        }
    }
}
