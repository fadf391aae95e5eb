package ai.hyperware.ext.connection;

import org.springframework.web.socket.WebSocketSession;

/**
 * What the outbox needs from a session beyond Spring's {@link WebSocketSession}: writes that never block, made on the
 * session's own I/O thread, flushed once per batch, and told when the node is not reading fast enough.
 *
 * <p>A blocking {@code sendMessage} would let a node that stops reading stall whichever thread sends; here the
 * transport buffers at most up to its high-water mark, {@link #isWritable()} turns false beyond it, and the rest
 * waits in the {@link ReplyOutbox}, where it is bounded and counted. The transport in {@code connection.netty}
 * implements it.
 */
public interface FlowControlledSession extends WebSocketSession {

    /** Told of the session's flow: the transport calls these on its I/O thread. */
    interface FlowListener {

        /** The transport's buffer drained below its low-water mark: writing may resume. */
        void writable();

        /** A burst of reads ended: whatever was written during it should be flushed now, in one system call. */
        void readBurstEnded();
    }

    /** Told when one written frame has reached the socket, or failed to (the connection is then closing). */
    interface WriteListener {
        void written(boolean success);
    }

    /** Runs {@code task} on the session's I/O thread, soon; never on the caller's. */
    void execute(Runnable task);

    /** The session's I/O thread, for diagnostics (where it is stuck, if it is). */
    Thread ioThread();

    /** Whether the caller is the session's I/O thread, where {@link #write} and {@link #flush} must be called. */
    boolean inIoThread();

    /** Whether the transport's buffer has room; {@code false} means the node reads more slowly than we write. */
    boolean isWritable();

    /**
     * The bytes of one outbound message, which write themselves into the transport's buffers in order, a piece at a
     * time, so that the transport need not be handed an array of the whole message.
     */
    interface MessageBytes {

        /** Writes exactly the next {@code count} bytes into {@code out} at {@code offset}. */
        void writeNext(byte[] out, int offset, int count);
    }

    /**
     * Queues one WebSocket frame of a binary message, without flushing: the next {@code length} bytes of
     * {@code message}. A message larger than a frame is written as a first frame ({@code first} true, {@code last}
     * false), continuation frames, and a last one.
     *
     * @throws OutOfMemoryError if the transport's buffers cannot be had; then nothing of this frame was queued
     */
    void write(MessageBytes message, int length, boolean first, boolean last, WriteListener listener);

    /** Writes what has been queued to the socket. */
    void flush();

    /** Sets the one listener of this session's flow. */
    void setFlowListener(FlowListener listener);

    /**
     * Ends the TCP connection at once, from any thread, even when the session's I/O thread is stuck and no task of
     * it will run again: the node sees the connection end, and nothing more is read or written on it.
     */
    void abort();
}
