package ai.hyperware.ext.connection;

/** Told the size of every whole message received from or sent to the node, for metrics. Must be quick. */
public interface TrafficListener {

    /** A complete inbound message of {@code bytes}, before it is decoded. */
    void received(long bytes);

    /** A complete outbound message of {@code bytes}, once written to the session. */
    void sent(long bytes);

    /**
     * A frame reached the socket after waiting {@code waitedNanos} in the outbox.
     *
     * @param refusal whether it was an immediate refusal, which goes ahead of computed replies
     */
    default void waited(boolean refusal, long waitedNanos) {
    }

    TrafficListener NONE = new TrafficListener() {
        @Override
        public void received(long bytes) {
        }

        @Override
        public void sent(long bytes) {
        }
    };
}
