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
 * Receives what the node sends on the session, on its I/O thread. It accepts partial messages, so large messages are
 * joined by {@link MessageAssembler} as they arrive, and it never lets an exception escape: a bad frame must not cost
 * the connection.
 *
 * <p>Each message reserves its bytes of the {@link InFlightBudget} as it arrives, before it is copied: one that does
 * not fit is kept only as a prefix, enough to answer its id with an {@code Err}, so that large requests arriving
 * together can never take the heap.
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
    private final InFlightBudget budget;
    private final SessionEvents events;
    private int textLength;
    /** What the message being joined holds of the budget; {@code null} between messages. */
    private InFlightBudget.Reservation reservation;
    private boolean overBudget;

    NodeWebSocketHandler(int maxInboundMessageSize, InboundFrameProcessor processor, InFlightBudget budget,
            SessionEvents events) {
        this.assembler = new MessageAssembler(maxInboundMessageSize, KEPT_PREFIX);
        this.processor = processor;
        this.budget = budget;
        this.events = events;
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        forgetMessage();
        events.sessionOpened(session);
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        try {
            reserve(message.getPayloadLength());
            MessageAssembler.Message whole = assembler.append(message.getPayload(), message.isLast());
            if (whole != null) {
                InFlightBudget.Reservation held = reservation;
                boolean refused = overBudget;
                reservation = null;
                overBudget = false;
                processor.process(whole, held, refused);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            forgetMessage();
            log.error("Failed to process a message from the node; the connection stays up", e);
        }
    }

    /** Takes this part's bytes from the budget; past it, the rest of the message is kept only as a prefix. */
    private void reserve(int partLength) {
        if (assembler.isTruncated()) {
            return;
        }
        long needed = (long) InFlightBudget.REQUEST_FACTOR * partLength;
        boolean fits;
        if (reservation == null) {
            reservation = budget.tryReserve(needed);
            fits = reservation != null;
        } else {
            fits = reservation.tryGrow(needed);
        }
        if (!fits) {
            overBudget = true;
            assembler.truncate();
        }
    }

    private void forgetMessage() {
        assembler.reset();
        if (reservation != null) {
            reservation.release();
            reservation = null;
        }
        overBudget = false;
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
        forgetMessage(); // a message cut off by the close is gone: its requester times out, as with any lost frame
        events.sessionClosed(session, status);
    }
}
