package ai.hyperware.ext.simulator;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a connection the way a crashing node does: the TCP socket closes with no WebSocket close frame, so the
 * extension sees an abnormal closure (1006).
 *
 * <p>The WebSocket API has no such operation: {@code Session.close} always sends a close frame. Tomcat's session
 * holds its remote endpoint in the private field {@code wsRemoteEndpoint}, whose public {@code close()} closes the
 * socket without one; that is reached by reflection. If a Tomcat version no longer has it, the connection is
 * closed with 1011 (unexpected condition) instead, and the log says so.
 */
final class AbruptClose {

    private static final Logger log = LoggerFactory.getLogger(AbruptClose.class);

    private AbruptClose() {
    }

    /** Closes the connection; {@code true} if it was cut without a close frame. */
    static boolean cut(Session session) {
        try {
            Object remoteEndpoint = field(session.getClass(), "wsRemoteEndpoint").get(session);
            Method close = remoteEndpoint.getClass().getMethod("close");
            close.setAccessible(true);
            close.invoke(remoteEndpoint);
            // Tomcat notices a socket closed on its side only when it stops; closing the session now (its close
            // frame has no socket left to go to) releases it and reports the closure at once
            closeQuietly(session, new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY,
                    "the node dropped the socket"));
            return true;
        } catch (ReflectiveOperationException | RuntimeException unsupported) {
            Throwable cause = unsupported instanceof InvocationTargetException failed ? failed.getCause() : unsupported;
            log.info("cannot cut connection {} without a close frame ({}); closing it with 1011",
                    session.getId(), cause.toString());
            closeQuietly(session, new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION,
                    "the node dropped the socket"));
            return false;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    private static void closeQuietly(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | IllegalStateException alreadyGone) {
            log.debug("connection {} was already gone: {}", session.getId(), alreadyGone.toString());
        }
    }
}
