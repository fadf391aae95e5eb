package ai.hyperware.ext.test;

/**
 * The extension answered a {@link TestNode#call} with {@code {"Err": message}}: a handler threw, the value could
 * not be bound, no handler has the variant, and so on. The exception's message is the Err text.
 *
 * <pre>{@code
 * assertThatThrownBy(() -> node.call("Divide", new Divide(1, 0), Long.class))
 *         .isInstanceOf(ErrReplyException.class).hasMessageContaining("division by zero");
 * }</pre>
 */
public final class ErrReplyException extends RuntimeException {

    private final String variant;

    ErrReplyException(String variant, String errMessage) {
        super(errMessage);
        this.variant = variant;
    }

    /** The variant that was called. */
    public String variant() {
        return variant;
    }
}
