package ai.hyperware.ext.handler;

/**
 * A check made before a request is accepted, beyond the dispatcher's own limit on requests in flight: the connection
 * uses it to refuse new work while the node is not reading the replies already made.
 */
@FunctionalInterface
public interface Admission {

    /** Admits every request. */
    Admission ALWAYS = () -> null;

    /** Why new requests are refused right now, as the {@code Err} text the requester reads; {@code null} admits. */
    String refusal();
}
