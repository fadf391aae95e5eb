package ai.hyperware.ext.connection;

/** Where the session with the node stands. */
public enum ConnectionState {
    /** Not started yet. */
    NEW,
    /** A handshake is under way. */
    CONNECTING,
    /** The session is open; requests flow. */
    CONNECTED,
    /** The last attempt failed or the session closed; another attempt is scheduled. */
    RECONNECTING,
    /** Stopped on purpose (shutdown); no more attempts. */
    STOPPED
}
