package ai.hyperware.ext.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Joins the frames of one WebSocket message, up to a cap. Joining them here lets the buffer grow with what actually
 * arrives instead of reserving the 64 MiB maximum for every connection. Past the cap, or once the caller
 * {@linkplain #truncate() truncates} the message (it would not fit the memory budget), only a prefix is kept (where a
 * frame's id is) along with the true size, so that the requester can still be answered.
 *
 * <p>Not thread-safe: one instance per connection, fed by its read thread.
 */
public final class MessageAssembler {

    /**
     * A completed message: its bytes, or, when it was truncated, only its first bytes (where the frame's id is).
     *
     * @param truncated whether only a prefix was kept (over the cap, or truncated by the caller)
     * @param size      the message's full size in bytes
     */
    public record Message(byte[] bytes, boolean truncated, long size) {
    }

    private final int maxSize;
    private final int keptPrefix;
    private byte[] buffer = new byte[0];
    private int size;
    private long total;
    private boolean truncated;

    /**
     * @param maxSize    the largest message joined whole
     * @param keptPrefix how many leading bytes of a larger message are kept
     */
    public MessageAssembler(int maxSize, int keptPrefix) {
        this.maxSize = maxSize;
        this.keptPrefix = keptPrefix;
    }

    /** Adds a part; returns the message when {@code last}, else {@code null}. */
    public Message append(ByteBuffer part, boolean last) {
        int length = part.remaining();
        total += length;
        if (!truncated && total > maxSize) {
            truncate();
        }
        if (truncated) {
            int kept = Math.min(length, keptPrefix - size);
            if (kept > 0) {
                buffer = Arrays.copyOf(buffer, size + kept);
                part.get(buffer, size, kept);
                size += kept;
            }
            part.position(part.limit());
        } else if (size == 0 && last) {
            byte[] whole = new byte[length]; // the common case: one part, no copying through a shared buffer
            part.get(whole);
            reset();
            return new Message(whole, false, length);
        } else {
            ensureCapacity(size + length);
            part.get(buffer, size, length);
            size += length;
        }
        if (!last) {
            return null;
        }
        Message message = new Message(truncated ? buffer : Arrays.copyOf(buffer, size), truncated, total);
        reset();
        return message;
    }

    /** Keeps only the prefix of the message being joined, from now until it ends. */
    public void truncate() {
        if (!truncated) {
            truncated = true;
            buffer = Arrays.copyOf(buffer, Math.min(size, keptPrefix)); // free the rest now, not at the end
            size = buffer.length;
        }
    }

    /** Whether the message being joined is kept only as a prefix. */
    public boolean isTruncated() {
        return truncated;
    }

    /** Whether no part of a message has been joined yet: the next part starts a new message. */
    public boolean isIdle() {
        return total == 0;
    }

    public void reset() {
        buffer = new byte[0];
        size = 0;
        total = 0;
        truncated = false;
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxSize, Math.max(needed, (long) buffer.length * 2)));
        }
    }
}
