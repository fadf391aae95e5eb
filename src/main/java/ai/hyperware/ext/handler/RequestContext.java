package ai.hyperware.ext.handler;

import ai.hyperware.ext.wire.MessageType;

/**
 * What a handler may know about the request it serves. Declare a parameter of this type to receive it.
 *
 * @param id      the request id, an unsigned 64-bit integer held in a long ({@link #idString()} prints it)
 * @param type    the message type the node asked the reply to carry
 * @param variant the variant name that was routed on
 * @param blob    the whole request blob, as received
 */
public record RequestContext(long id, MessageType type, String variant, byte[] blob) {

    /** The id as an unsigned decimal string. */
    public String idString() {
        return Long.toUnsignedString(id);
    }

    @Override
    public String toString() {
        return "RequestContext[id=" + idString() + ", type=" + type.wireName() + ", variant=" + variant + ", blob="
                + blob.length + " bytes]";
    }
}
