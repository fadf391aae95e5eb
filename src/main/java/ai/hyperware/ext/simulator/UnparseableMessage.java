package ai.hyperware.ext.simulator;

import java.util.Arrays;

/**
 * A message from the extension that the node's parser would reject. A real node forwards its raw bytes to the
 * interface process as a new request, so the original requester never gets its reply; the simulator keeps the
 * last few for a test to inspect.
 *
 * @param reason why the node would reject it, e.g. the decoder's message or "a text frame"
 * @param size   the size of the whole message in bytes
 * @param bytes  its first bytes: all of them unless the message was larger than
 *               {@link #MAX_KEPT_BYTES}
 */
public record UnparseableMessage(String reason, long size, byte[] bytes) {

    /** Only this many bytes of each message are kept, so that a few huge rejects cannot exhaust the heap. */
    public static final int MAX_KEPT_BYTES = 64 * 1024;

    static UnparseableMessage of(String reason, long size, byte[] bytes) {
        return new UnparseableMessage(reason, size,
                bytes.length > MAX_KEPT_BYTES ? Arrays.copyOf(bytes, MAX_KEPT_BYTES) : bytes);
    }

    /** Whether {@link #bytes()} holds only the start of the message. */
    public boolean truncated() {
        return bytes.length < size;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnparseableMessage that && reason.equals(that.reason) && size == that.size
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * reason.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "UnparseableMessage[" + reason + ", " + size + " bytes]";
    }
}
