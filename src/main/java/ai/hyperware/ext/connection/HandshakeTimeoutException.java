package ai.hyperware.ext.connection;

import java.io.IOException;
import java.time.Duration;

/** The TCP connection or the WebSocket upgrade took longer than {@code hyperware.extension.limits.connect-timeout}. */
public class HandshakeTimeoutException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param phase what did not finish in time, e.g. "answer the WebSocket upgrade" */
    public HandshakeTimeoutException(String phase, Duration timeout) {
        super("the node did not " + phase + " within " + timeout.toMillis()
                + " ms (hyperware.extension.limits.connect-timeout)");
    }
}
