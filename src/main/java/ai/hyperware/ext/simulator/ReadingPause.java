package ai.hyperware.ext.simulator;

import jakarta.websocket.Session;

import org.apache.tomcat.websocket.WsSession;

/**
 * Stops and restarts reading from one connection, the way a stalled node stops draining its socket.
 *
 * <p>The WebSocket API has no such operation; Tomcat's {@link WsSession} has {@code suspend()} and {@code resume()}
 * (the same calls Spring's reactive Tomcat adapter uses for back-pressure). A suspended session reads nothing more
 * from its socket, so the peer's writes fill the TCP buffers and then block, as they would against a real node whose
 * loop has stalled. Sending on the session still works.
 */
final class ReadingPause {

    private ReadingPause() {
    }

    /** Stops reading from {@code session}; bytes already read are still delivered. */
    static void suspend(Session session) {
        tomcatSession(session).suspend();
    }

    /** Reads from {@code session} again, starting with whatever waited in the socket. */
    static void resume(Session session) {
        tomcatSession(session).resume();
    }

    private static WsSession tomcatSession(Session session) {
        if (session instanceof WsSession tomcat) {
            return tomcat;
        }
        throw new UnsupportedOperationException("pausing reads needs Tomcat's WebSocket session, not "
                + session.getClass().getName());
    }
}
