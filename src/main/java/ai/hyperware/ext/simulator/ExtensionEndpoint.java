package ai.hyperware.ext.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.hyperware.ext.wire.MessageAssembler;

/**
 * The node's side of one extension connection: it joins the parts of each message, hands whole messages to the
 * {@link InboundRouter}, and keeps {@link ExtensionConnections} up to date. One instance per connection.
 *
 * <p>Messages are taken in parts because the node reads messages of up to 64 MiB, far beyond what a container
 * buffers whole by default. Pings are answered by Tomcat itself and never reach this class, so they cannot be
 * counted; pongs and text messages are counted as unparseable, since the node would forward them raw.
 */
final class ExtensionEndpoint extends Endpoint {

    private static final Logger log = LoggerFactory.getLogger(ExtensionEndpoint.class);

    private final ExtensionConnections connections;
    private final InboundRouter router;

    ExtensionEndpoint(ExtensionConnections connections, InboundRouter router) {
        this.connections = connections;
        this.router = router;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxIdleTimeout(0); // the node never times out an idle extension
        MessageAssembler binary = new MessageAssembler(NodeSimulator.MAX_MESSAGE_BYTES, UnparseableMessage.MAX_KEPT_BYTES);
        MessageAssembler text = new MessageAssembler(NodeSimulator.MAX_MESSAGE_BYTES, UnparseableMessage.MAX_KEPT_BYTES);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
            MessageAssembler.Message message = binary.append(part, last);
            if (message != null) {
                router.onBinary(message);
            }
        });
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
            MessageAssembler.Message message = text.append(StandardCharsets.UTF_8.encode(part), last);
            if (message != null) {
                router.onText(message);
            }
        });
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> {
            ByteBuffer data = pong.getApplicationData();
            byte[] payload = new byte[data.remaining()];
            data.get(payload);
            router.onPong(payload);
        });
        Session displaced = connections.opened(session);
        log.info("extension connected on {} (connection {}, {} accepted so far)", session.getRequestURI().getPath(),
                session.getId(), connections.accepted());
        if (displaced != null) {
            closeDisplaced(displaced);
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        connections.closed(session, reason.getCloseCode().getCode());
        log.info("extension connection {} closed: {} {}", session.getId(), reason.getCloseCode().getCode(),
                reason.getReasonPhrase());
    }

    @Override
    public void onError(Session session, Throwable error) {
        log.debug("extension connection {} failed: {}", session.getId(), error.toString());
    }

    private static void closeDisplaced(Session displaced) {
        log.info("connection {} is replaced by the newer one and closed", displaced.getId());
        try {
            displaced.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE,
                    "replaced by a newer extension connection"));
        } catch (IOException | IllegalStateException alreadyGone) {
            log.debug("connection {} was already gone: {}", displaced.getId(), alreadyGone.toString());
        }
    }
}
