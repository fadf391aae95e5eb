package ai.hyperware.ext.connection;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Joins the parts of one binary WebSocket message, up to a cap. Tomcat hands over a large message in parts when
 * the handler accepts partial messages; joining them here lets the buffer grow with what actually arrives
 * instead of reserving the 64 MiB maximum for every connection.
 *
 * <p>Used by the read thread only.
 */
final class InboundMessageAssembler {

    /**
     * A completed message: its bytes, or, when it was over the cap, only its first bytes (where the frame's id is).
     *
     * @param size the message's full size in bytes
     */
    record Message(byte[] bytes, boolean oversized, long size) {
    }

    /** Bytes of an oversized message kept to read its id from, so the requester can still get an error. */
    static final int KEPT_PREFIX = 256;

    private final int maxSize;
    private byte[] buffer = new byte[0];
    private int size;
    private long total;
    private boolean oversized;

    InboundMessageAssembler(int maxSize) {
        this.maxSize = maxSize;
    }

    /** Adds a part; returns the message when {@code last}, else {@code null}. */
    Message append(ByteBuffer part, boolean last) {
        int length = part.remaining();
        total += length;
        if (!oversized && total > maxSize) {
            oversized = true;
            buffer = Arrays.copyOf(buffer, Math.min(size, KEPT_PREFIX)); // free the rest now, not at the end
            size = buffer.length;
        }
        if (oversized) {
            int kept = Math.min(length, KEPT_PREFIX - size);
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
        Message message = new Message(oversized ? buffer : Arrays.copyOf(buffer, size), oversized, total);
        reset();
        return message;
    }

    void reset() {
        buffer = new byte[0];
        size = 0;
        total = 0;
        oversized = false;
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxSize, Math.max(needed, (long) buffer.length * 2)));
        }
    }
}
