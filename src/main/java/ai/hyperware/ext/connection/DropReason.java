package ai.hyperware.ext.connection;

/** Why a frame was not delivered. Every loss is counted under one of these and logged. */
public enum DropReason {
    /** A held reply outlived {@code reply-hold-ttl}: the node has given up on it by then. */
    EXPIRED("expired"),
    /** The outbox was over {@code reply-hold-max-count} or {@code reply-hold-max-bytes}: the oldest was dropped. */
    OUTBOX_FULL("outbox_full"),
    /** The extension stopped with replies still undelivered. */
    SHUTDOWN("shutdown"),
    /** An inbound message that could not be read far enough to find its id, so no error reply was possible. */
    UNREADABLE_INBOUND("unreadable_inbound"),
    /** An inbound text frame: extension frames are binary. */
    TEXT_FRAME("text_frame");

    private final String tag;

    DropReason(String tag) {
        this.tag = tag;
    }

    /** The value used in metric tags. */
    public String tag() {
        return tag;
    }
}
