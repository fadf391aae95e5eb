package ai.hyperware.ext.handler;

/** How a request ended; each one is answered, whatever the outcome. */
public enum Outcome {
    /** The handler returned a value: {@code {"Ok": ...}} (or the unwrapped value). */
    OK,
    /** The handler threw, or its result could not be encoded: {@code {"Err": ...}}. */
    ERROR,
    /** No handler has the variant: {@code {"Err": "no handler for variant ..."}}. */
    UNKNOWN_VARIANT,
    /** The blob, or the frame around it, could not be read: {@code {"Err": ...}}. */
    MALFORMED,
    /**
     * Refused at once with {@code {"Err": ...}}: {@code max-in-flight} requests were already running, the in-flight
     * byte budget was spent, or the node was not reading the replies already made.
     */
    OVERLOADED,
    /** The handler did not finish within {@code handler-timeout}: {@code {"Err": ...}}. */
    TIMEOUT,
    /** The extension is stopping and takes no new requests: {@code {"Err": ...}}. */
    SHUTTING_DOWN;

    /** Whether the request was refused before any handler ran: such a reply is cheap and should not wait in line. */
    public boolean isRefusal() {
        return this == UNKNOWN_VARIANT || this == MALFORMED || this == OVERLOADED || this == SHUTTING_DOWN;
    }
}
