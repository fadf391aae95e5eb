package ai.hyperware.ext.wire;

/**
 * The {@code MessageType} of a frame, as the node's Rust enum names it on the wire ({@code "Request"} or
 * {@code "Response"}).
 *
 * <p>A frame from the node carries the type the interface process wants back, so replies mirror it. A frame of
 * type {@link #REQUEST} sent by the extension reaches the process as a request that expects no response, which
 * is how unsolicited pushes work.
 */
public enum MessageType {
    REQUEST("Request"),
    RESPONSE("Response");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    /** The variant name written on the wire. */
    public String wireName() {
        return wireName;
    }

    static MessageType fromWireName(String name) throws MalformedFrameException {
        for (MessageType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        throw new MalformedFrameException("unknown message type " + InputText.quote(name)
                + " (expected Request or Response)");
    }
}
