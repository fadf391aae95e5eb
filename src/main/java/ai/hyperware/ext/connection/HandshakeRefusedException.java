package ai.hyperware.ext.connection;

import java.io.IOException;

/**
 * The node answered the WebSocket upgrade with something other than a valid {@code 101 Switching Protocols}: a plain
 * HTTP error (how a node refuses an extension: 403, or 404 for a wrong path or a missing cookie), or a 101 that
 * breaks RFC 6455 §4.1 (a wrong {@code Sec-WebSocket-Accept}, no {@code Upgrade: websocket}).
 */
public class HandshakeRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    /**
     * @param httpStatus the status the node answered with
     * @param detail     what was wrong, without any header value the extension sent
     */
    public HandshakeRefusedException(int httpStatus, String detail) {
        super(detail);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status of the node's answer: 101 for an upgrade that was not valid. */
    public int httpStatus() {
        return httpStatus;
    }
}
