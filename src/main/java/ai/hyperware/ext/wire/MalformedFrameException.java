package ai.hyperware.ext.wire;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A frame that is not a well-formed {@code WebSocketExtPushData}.
 *
 * <p>It keeps whatever the decoder learned before the fault: when the id was read, {@link #replyTo(byte[])} builds
 * a reply to it, so that the requester gets an error instead of waiting out its timeout.
 */
public final class MalformedFrameException extends Exception {

    private static final int QUOTED_CHARS = 64;

    private final Long id;
    private final MessageType type;
    private final TypeFieldName typeFieldName;
    private final FrameLayout layout;

    MalformedFrameException(String message) {
        this(message, null, null, null, null, null);
    }

    MalformedFrameException(String message, Throwable cause, Long id, MessageType type,
            TypeFieldName typeFieldName, FrameLayout layout) {
        super(message, cause, false, false);
        this.id = id;
        this.type = type;
        this.typeFieldName = typeFieldName;
        this.layout = layout;
    }

    /**
     * Text from the input as a message may quote it: at most {@value #QUOTED_CHARS} characters, control characters
     * escaped, so that a hostile or broken frame can neither flood the log nor forge lines in it.
     */
    static String quote(String input) {
        StringBuilder quoted = new StringBuilder("\"");
        input.codePoints().limit(QUOTED_CHARS).forEach(c -> {
            if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        quoted.append('"');
        long length = input.codePointCount(0, input.length());
        return length > QUOTED_CHARS ? quoted + "... (" + length + " characters)" : quoted.toString();
    }

    /** The frame's id, when the decoder got as far as reading it. */
    public OptionalLong id() {
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /**
     * A reply frame to the malformed one, if its id is known. What was not read is filled with what a current node
     * expects: type Response, named layout, {@code hyperware_message_type}.
     */
    public Optional<Frame> replyTo(byte[] replyBlob) {
        if (id == null) {
            return Optional.empty();
        }
        return Optional.of(new Frame(id,
                type != null ? type : MessageType.RESPONSE,
                replyBlob,
                typeFieldName != null ? typeFieldName : TypeFieldName.HYPERWARE,
                layout != null ? layout : FrameLayout.NAMED));
    }
}
