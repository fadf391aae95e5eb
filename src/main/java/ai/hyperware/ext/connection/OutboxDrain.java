package ai.hyperware.ext.connection;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.WebSocketSession;

import ai.hyperware.ext.connection.FlowControlledSession.WriteListener;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.FrameWriter;

/**
 * Moves frames from the {@link ReplyOutbox} to the session, on the session's I/O thread, for as long as the transport
 * has room, and flushes once per batch: at the end of each burst of reads (so replies made while reading leave
 * together), and in one task when replies come from other threads (at most one such task is ever queued, so a burst
 * of replies from handler threads costs the I/O thread one wake-up).
 *
 * <p>Writing on one thread means the fragments of a large message never interleave with another message. Messages
 * above {@code maxFrameSize} go out as a first frame and continuation frames, because the node reads frames of at most
 * 16 MiB. Each frame is encoded as it is written, straight into the transport's buffers. A frame whose write fails
 * (the connection died) goes back to the outbox, to go out on the next connection.
 */
final class OutboxDrain implements FlowControlledSession.FlowListener {

    private static final Logger log = LoggerFactory.getLogger(OutboxDrain.class);
    private static final WriteListener NOT_LAST = success -> { };

    private final ReplyOutbox outbox;
    private final int maxFrameSize;
    private final TrafficListener traffic;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private volatile Attached attached;

    /** The session being written to, and how its writes are going. */
    private static final class Attached {
        final FlowControlledSession session;
        /** Writes handed to the transport and not yet completed; the I/O thread writes it, the watchdog reads. */
        volatile int pendingWrites;
        /** When the oldest unfinished write began, or the last write finished, whichever is later. */
        volatile long progressNanos = System.nanoTime();

        Attached(FlowControlledSession session) {
            this.session = session;
        }
    }

    OutboxDrain(ReplyOutbox outbox, int maxFrameSize, TrafficListener traffic) {
        this.outbox = outbox;
        this.maxFrameSize = maxFrameSize;
        this.traffic = traffic;
        outbox.onOffer(this::wake);
    }

    /** Starts writing to a newly opened session: first what was held while disconnected. */
    void attach(FlowControlledSession opened) {
        attached = new Attached(opened);
        drainQueued.set(false); // a wake-up queued on a previous connection's thread may never run
        opened.setFlowListener(this);
        outbox.connected(true);
        wake();
    }

    /** Stops writing to a session that has closed; what it did not write comes back through the write listeners. */
    void detach(WebSocketSession closed) {
        Attached current = attached;
        if (current != null && current.session == closed) {
            attached = null;
            outbox.connected(false);
        }
    }

    /**
     * Whether writes have been waiting for longer than {@code limit} without one finishing: the node has stopped
     * reading (or the connection is gone without a word). Read by the connection's watchdog.
     */
    boolean stalled(Duration limit) {
        Attached current = attached;
        return current != null && current.pendingWrites > 0
                && System.nanoTime() - current.progressNanos > limit.toNanos();
    }

    @Override
    public void readBurstEnded() {
        drain();
    }

    @Override
    public void writable() {
        drain();
    }

    /** A frame was queued, on any thread: make sure one drain is on its way. */
    private void wake() {
        Attached current = attached;
        if (current != null && drainQueued.compareAndSet(false, true)) {
            try {
                current.session.execute(this::queuedDrain);
            } catch (RuntimeException e) { // the I/O thread is shutting down: the next session drains the rest
                drainQueued.set(false);
                log.debug("No drain queued: the session's I/O thread is gone", e);
            }
        }
    }

    private void queuedDrain() {
        drainQueued.set(false);
        drain();
    }

    /** On the I/O thread: writes while the transport has room, then flushes once. */
    private void drain() {
        Attached current = attached;
        if (current == null || !current.session.isOpen()) {
            drainQueued.set(false); // a wake-up queued for a session that closed must not block the next one
            return;
        }
        FlowControlledSession target = current.session;
        boolean wrote = false;
        try {
            while (target.isWritable() && target.isOpen()) { // a write may end the session (no memory)
                ReplyOutbox.Entry entry = outbox.poll();
                if (entry == null) {
                    break;
                }
                write(current, entry);
                wrote = true;
            }
        } catch (RuntimeException e) {
            log.error("Writing to the node failed unexpectedly; the session stays, the rest is written later", e);
        } finally {
            if (wrote) {
                target.flush();
            }
        }
    }

    private void write(Attached current, ReplyOutbox.Entry entry) {
        FlowControlledSession target = current.session;
        if (current.pendingWrites++ == 0) {
            current.progressNanos = System.nanoTime();
        }
        WriteListener done = success -> finished(current, entry, success);
        long queued = 0;
        try {
            FrameWriter frame = FrameEncoder.writer(entry.frame(), entry.size());
            do { // one frame, or a first frame and continuations; only the last reports the outcome
                queued += writeFrame(target, frame, queued, done);
            } while (queued < frame.size());
        } catch (OutOfMemoryError | RuntimeException e) { // no buffers, or a fault in the encoding
            cannotWrite(target, entry, queued, done, e);
        }
    }

    /** The next WebSocket frame of a message, from {@code offset}; returns its length. */
    private long writeFrame(FlowControlledSession target, FrameWriter frame, long offset, WriteListener done) {
        int length = (int) Math.min(maxFrameSize, frame.size() - offset);
        boolean last = offset + length == frame.size();
        // if an earlier frame fails, the connection is gone and the last one fails too: one put-back
        target.write(frame::writeNext, length, offset == 0, last, last ? done : NOT_LAST);
        return length;
    }

    /**
     * A frame could not be written: a small Err takes its place, unless the node already has the start of it. Then
     * only a new connection recovers, and the frame goes out again on it (a frame that can never be written expires).
     */
    private void cannotWrite(FlowControlledSession target, ReplyOutbox.Entry entry, long queued, WriteListener done,
            Throwable cause) {
        String why = cause instanceof OutOfMemoryError ? "out of memory" : cause.toString();
        if (queued == 0) {
            log.warn("Could not write the {}-byte frame id={} ({}); sending an error instead", entry.size(),
                    entry.frame().idString(), why, cause instanceof OutOfMemoryError ? null : cause);
            try {
                writeFrame(target, FrameEncoder.writer(entry.frame().reply(
                        RustResult.err("reply could not be written: " + why))), 0, done);
                return;
            } catch (OutOfMemoryError | RuntimeException again) {
                log.error("Could not write even an error for id={}: {}", entry.frame().idString(), again.toString());
            }
        }
        log.error("Closing the connection: the frame id={} could not be written{}; it goes out again on the next one",
                entry.frame().idString(), queued == 0 ? "" : " after its first " + queued + " bytes (" + why + ")");
        done.written(false);
        target.abort();
    }

    private void finished(Attached current, ReplyOutbox.Entry entry, boolean success) {
        current.pendingWrites--;
        if (!success) {
            outbox.putBack(entry);
            return;
        }
        long now = System.nanoTime();
        current.progressNanos = now;
        outbox.sent(entry);
        try {
            traffic.sent(entry.size());
            traffic.waited(entry.refusal(), now - entry.queuedAtNanos());
        } catch (RuntimeException e) {
            log.debug("Traffic listener failed; the frame was sent regardless", e);
        }
    }
}
