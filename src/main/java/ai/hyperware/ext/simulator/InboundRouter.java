package ai.hyperware.ext.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameDecoder;
import ai.hyperware.ext.wire.FrameLayout;
import ai.hyperware.ext.wire.MalformedFrameException;
import ai.hyperware.ext.wire.MessageAssembler;
import ai.hyperware.ext.wire.MessageType;
import ai.hyperware.ext.wire.TypeFieldName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what the node does with each message from the extension, in the node's order: a message its parser
 * rejects is set aside (the node would forward it raw, and the requester would wait in vain); a frame whose id is
 * pending answers that request; any other frame of type Request is an unsolicited push; what is left is a late
 * reply to a request already forgotten.
 */
final class InboundRouter {

    private static final Logger log = LoggerFactory.getLogger(InboundRouter.class);
    private static final int RECENT_UNPARSEABLE = 8;

    private final PendingRequests pending;
    private final TypeFieldName acceptedName;
    private final BlockingQueue<Frame> pushes = new LinkedBlockingQueue<>();
    private final AtomicLong unparseable = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final Deque<UnparseableMessage> recentUnparseable = new ArrayDeque<>();

    InboundRouter(PendingRequests pending, TypeFieldName acceptedName) {
        this.pending = pending;
        this.acceptedName = acceptedName;
    }

    void onBinary(MessageAssembler.Message message) {
        if (message.truncated()) {
            reject("a message of " + message.size() + " bytes, over the node's limit of "
                    + NodeSimulator.MAX_MESSAGE_BYTES, message);
            return;
        }
        Frame frame;
        try {
            frame = FrameDecoder.decode(message.bytes());
        } catch (MalformedFrameException e) {
            reject("not a WebSocketExtPushData frame: " + e.getMessage(), message);
            return;
        }
        if (frame.layout() == FrameLayout.NAMED && frame.typeFieldName() != acceptedName) {
            reject(frame.typeFieldName().fieldName() + " is rejected by a node that reads "
                    + acceptedName.fieldName() + "; reply with the field name the request carried", message);
            return;
        }
        route(frame, message.bytes());
    }

    void onText(MessageAssembler.Message message) {
        reject("a text message (the node forwards it raw to the process)", message);
    }

    void onPong(byte[] payload) {
        reject("a pong (the node forwards it raw to the process)", new MessageAssembler.Message(payload,
                false, payload.length));
    }

    private void route(Frame frame, byte[] message) {
        if (pending.complete(frame, message)) {
            log.debug("reply {}", frame);
        } else if (frame.type() == MessageType.REQUEST) {
            log.debug("unsolicited push {}", frame);
            pushes.add(frame);
        } else {
            late.incrementAndGet();
            log.debug("late reply {}: no request with that id is pending (timed out, or never sent)", frame);
        }
    }

    private void reject(String reason, MessageAssembler.Message message) {
        unparseable.incrementAndGet();
        log.debug("unparseable message from the extension: {}", reason);
        synchronized (recentUnparseable) {
            if (recentUnparseable.size() == RECENT_UNPARSEABLE) {
                recentUnparseable.removeFirst();
            }
            recentUnparseable.addLast(UnparseableMessage.of(reason, message.size(), message.bytes()));
        }
    }

    BlockingQueue<Frame> pushes() {
        return pushes;
    }

    long unparseable() {
        return unparseable.get();
    }

    long late() {
        return late.get();
    }

    List<UnparseableMessage> recentUnparseable() {
        synchronized (recentUnparseable) {
            return List.copyOf(recentUnparseable);
        }
    }
}
