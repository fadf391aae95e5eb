package ai.hyperware.ext.wire;

import ai.hyperware.ext.payload.VecU8;

/**
 * One frame's encoding, written a piece at a time into buffers of any size: the transport writes a reply straight
 * into the pooled buffers that carry it to the socket, so no array of the whole encoded frame is ever made. The pieces
 * together are exactly {@link FrameEncoder#encode}'s bytes.
 *
 * <p>Not thread-safe; one writer per attempt to send a frame (a frame sent again after a reconnect gets a new one).
 */
public final class FrameWriter {

    private final byte[] envelope;
    private final VecU8.Writer blob;
    private final long size;
    private int envelopeWritten;
    private long written;

    FrameWriter(byte[] envelope, byte[] blob, long size) {
        this.envelope = envelope;
        this.blob = new VecU8.Writer(blob);
        this.size = size;
    }

    /** The whole encoding's size in bytes. */
    public long size() {
        return size;
    }

    /** Bytes of the encoding not yet written. */
    public long remaining() {
        return size - written;
    }

    /**
     * Writes exactly the next {@code count} bytes of the encoding into {@code out} at {@code offset}; nothing
     * outside those bytes is touched.
     *
     * @throws IllegalStateException if fewer than {@code count} bytes remain
     */
    public void writeNext(byte[] out, int offset, int count) {
        if (count > remaining()) {
            throw new IllegalStateException("asked for " + count + " bytes of a frame with " + remaining() + " left");
        }
        int fromEnvelope = Math.min(count, envelope.length - envelopeWritten);
        if (fromEnvelope > 0) {
            System.arraycopy(envelope, envelopeWritten, out, offset, fromEnvelope);
            envelopeWritten += fromEnvelope;
        }
        blob.writeNext(out, offset + fromEnvelope, count - fromEnvelope);
        written += count;
        if (written == size && !blob.finished()) { // a size that was not the frame's: never a frame cut short
            throw new IllegalStateException("the frame's encoding is longer than the " + size + " bytes it was given");
        }
    }
}
