package ai.hyperware.ext.connection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.BinaryWebSocketHandler;

import ai.hyperware.ext.wire.MessageAssembler;

/**
 * Receives what the node sends on the session. It accepts partial messages, so large messages are joined by
 * {@link MessageAssembler} as they arrive, and it never lets an exception escape: Spring would close the
 * session for it, and a bad frame must not cost the connection.
 */
final class NodeWebSocketHandler extends BinaryWebSocketHandler {

    /** What the connection manager needs to hear about the session's life. */
    interface SessionEvents {
        void sessionOpened(WebSocketSession session);

        void sessionClosed(WebSocketSession session, CloseStatus status);
    }

    private static final Logger log = LoggerFactory.getLogger(NodeWebSocketHandler.class);

    /** Bytes of an oversized message kept to read its id from, so the requester can still get an error. */
    private static final int KEPT_PREFIX = 256;

    private final MessageAssembler assembler;
    private final InboundFrameProcessor processor;
    private final SessionEvents events;
    private int textLength;

    NodeWebSocketHandler(int maxInboundMessageSize, InboundFrameProcessor processor, SessionEvents events) {
        this.assembler = new MessageAssembler(maxInboundMessageSize, KEPT_PREFIX);
        this.processor = processor;
        this.events = events;
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        assembler.reset();
        events.sessionOpened(session);
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        try {
            MessageAssembler.Message whole = assembler.append(message.getPayload(), message.isLast());
            if (whole != null) {
                processor.process(whole);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            assembler.reset();
            log.error("Failed to process a message from the node; the connection stays up", e);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        textLength += message.getPayloadLength();
        if (message.isLast()) {
            processor.textFrame(textLength);
            textLength = 0;
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        // We send no pings, so a pong is unsolicited; RFC 6455 says to ignore it.
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Transport error on the node session", exception);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        assembler.reset();
        events.sessionClosed(session, status);
    }
}
