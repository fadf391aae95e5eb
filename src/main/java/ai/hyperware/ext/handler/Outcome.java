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
    /** {@code max-in-flight} requests were already running: an immediate {@code {"Err": ...}}. */
    OVERLOADED,
    /** The handler did not finish within {@code handler-timeout}: {@code {"Err": ...}}. */
    TIMEOUT,
    /** The extension is stopping and takes no new requests: {@code {"Err": ...}}. */
    SHUTTING_DOWN
}
