package ai.hyperware.ext.handler;

/** Told of every answered request, for metrics. Must be quick and must not throw; failures are logged and ignored. */
@FunctionalInterface
public interface DispatchListener {

    /**
     * @param variant     the variant routed on, or {@code null} when the blob could not be read
     * @param outcome     how the request ended
     * @param elapsedNanos from receipt to reply
     */
    void answered(String variant, Outcome outcome, long elapsedNanos);

    DispatchListener NONE = (variant, outcome, elapsedNanos) -> {
    };
}
