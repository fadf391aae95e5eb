package ai.hyperware.ext.wire;

/**
 * Text that came from the node (a variant name, a message type) made safe to put in a log line or an error reply.
 */
public final class InputText {

    private static final int QUOTED_CHARS = 64;

    private InputText() {
    }

    /**
     * Quotes {@code input}: at most {@value #QUOTED_CHARS} characters, control characters escaped, so that a hostile
     * or broken frame can neither flood the log nor forge lines in it.
     */
    public static String quote(String input) {
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
}
