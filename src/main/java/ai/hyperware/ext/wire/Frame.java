package ai.hyperware.ext.wire;

import java.util.Objects;

/**
 * One {@code HttpServerAction::WebSocketExtPushData} frame, in either direction.
 *
 * <p>The {@code id} is an unsigned 64-bit integer held in a {@code long}: ids at or above 2^63 appear negative in
 * Java. Use {@link Long#toUnsignedString(long)} to print one; the codec always writes it unsigned.
 *
 * <p>{@code typeFieldName} and {@code layout} record how the frame was written, so that a reply made with
 * {@link #reply(byte[])} is written the same way and is read by the node that sent the request.
 *
 * @param id            the request id, unsigned
 * @param type          the message type; replies mirror it
 * @param blob          the opaque payload chosen by the interface process
 * @param typeFieldName the name of the message-type field (only meaningful for {@link FrameLayout#NAMED})
 * @param layout        named map or positional array
 */
public record Frame(long id, MessageType type, byte[] blob, TypeFieldName typeFieldName, FrameLayout layout) {

    public Frame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(typeFieldName, "typeFieldName");
        Objects.requireNonNull(layout, "layout");
    }

    /** A frame written the way a current (Hyperdrive 1.1+) node writes it: named, {@code hyperware_message_type}. */
    public static Frame of(long id, MessageType type, byte[] blob) {
        return new Frame(id, type, blob, TypeFieldName.HYPERWARE, FrameLayout.NAMED);
    }

    /** The reply to this frame: same id, same message type, same field name and layout, a new blob. */
    public Frame reply(byte[] replyBlob) {
        return new Frame(id, type, replyBlob, typeFieldName, layout);
    }

    /** The id as an unsigned decimal string. */
    public String idString() {
        return Long.toUnsignedString(id);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame that
                && id == that.id
                && type == that.type
                && java.util.Arrays.equals(blob, that.blob)
                && typeFieldName == that.typeFieldName
                && layout == that.layout;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, java.util.Arrays.hashCode(blob), typeFieldName, layout);
    }

    /** Never prints the blob, which may be large or sensitive; only its length. */
    @Override
    public String toString() {
        return "Frame[id=" + idString() + ", type=" + type.wireName() + ", blob=" + blob.length + " bytes, "
                + layout + (layout == FrameLayout.NAMED ? " " + typeFieldName.fieldName() : "") + "]";
    }
}
