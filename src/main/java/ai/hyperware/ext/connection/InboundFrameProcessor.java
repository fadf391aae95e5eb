package ai.hyperware.ext.connection;

import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.hyperware.ext.handler.DispatchListener;
import ai.hyperware.ext.handler.Outcome;
import ai.hyperware.ext.handler.RequestDispatcher;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameDecoder;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.FrameLayout;
import ai.hyperware.ext.wire.MalformedFrameException;
import ai.hyperware.ext.wire.MessageAssembler;
import ai.hyperware.ext.wire.TypeFieldName;

/**
 * The path of one inbound message: decode it, hand it to the dispatcher, and send back whatever comes out.
 *
 * <p>Whatever the input, the outcome is a well-formed reply or a counted drop: a frame whose id can be read gets an
 * {@code Err} with that id; one whose id cannot be read is dropped, counted and logged. Replies too large for the
 * node become a small {@code Err} with the same id, since the node could not read the large one at all.
 */
public final class InboundFrameProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundFrameProcessor.class);

    private final RequestDispatcher dispatcher;
    private final ReplyOutbox outbox;
    private final long maxOutboundMessageSize;
    private final DispatchListener outcomes;
    private final DropListener drops;
    private final TrafficListener traffic;
    private final LongAdder malformedFrames = new LongAdder();
    private volatile TypeFieldName nodeDialect = TypeFieldName.HYPERWARE;

    /**
     * @param outcomes, drops, traffic listeners for metrics; they must not throw, and whatever they throw is
     *                  caught and logged at DEBUG, so that instrumentation never costs a reply
     */
    public InboundFrameProcessor(RequestDispatcher dispatcher, ReplyOutbox outbox, long maxOutboundMessageSize,
            DispatchListener outcomes, DropListener drops, TrafficListener traffic) {
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.maxOutboundMessageSize = maxOutboundMessageSize;
        this.outcomes = outcomes;
        this.drops = drops;
        this.traffic = traffic;
    }

    /** One complete inbound binary message. Called on the read thread; never blocks. */
    void process(MessageAssembler.Message message) {
        notify(() -> traffic.received(message.size()));
        if (message.oversized()) {
            refuseOversized(message);
            return;
        }
        Frame request;
        try {
            request = FrameDecoder.decode(message.bytes());
        } catch (MalformedFrameException e) {
            refuseMalformed(e, message.bytes().length);
            return;
        }
        if (request.layout() == FrameLayout.NAMED) {
            nodeDialect = request.typeFieldName();
        }
        dispatcher.dispatch(request, this::send);
    }

    /** An inbound text frame: extension frames are binary, and there is no id to answer. */
    void textFrame(int length) {
        log.warn("Dropped a text frame of {} bytes from the node: extension frames are binary MessagePack", length);
        notify(() -> drops.dropped(DropReason.TEXT_FRAME));
    }

    /** Inbound messages that were not well-formed frames (or were too large to read), answered or dropped. */
    public long malformedFrames() {
        return malformedFrames.sum();
    }

    /** The dispatcher requests go to, for a graceful shutdown to stop and drain. */
    RequestDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * The type-field name the node used last ({@code hyperware_message_type} until a frame says otherwise), so that
     * frames the extension starts itself are written in the node's dialect.
     */
    public TypeFieldName nodeDialect() {
        return nodeDialect;
    }

    /** Encodes a frame and queues it for the node, refusing it first if the node could not read it. */
    public void send(Frame frame) {
        if (FrameEncoder.maxEncodedSize(frame) > maxOutboundMessageSize) {
            log.warn("Reply to id={} is {} bytes of blob, over the node's limit of {} bytes per message; sending an "
                    + "error instead", frame.idString(), frame.blob().length, maxOutboundMessageSize);
            frame = frame.reply(RustResult.err("reply too large: " + frame.blob().length + " bytes of blob, over the "
                    + maxOutboundMessageSize + "-byte message limit of the node"));
        }
        outbox.offer(frame.id(), FrameEncoder.encode(frame));
    }

    private void refuseMalformed(MalformedFrameException e, int length) {
        malformedFrames.increment();
        var reply = e.replyTo(RustResult.err("malformed frame: " + e.getMessage()));
        if (reply.isPresent()) {
            log.warn("Malformed frame of {} bytes from the node, id={}: {}; answered with an error", length,
                    reply.get().idString(), e.getMessage());
            notify(() -> outcomes.answered(null, Outcome.MALFORMED, 0));
            send(reply.get());
        } else {
            log.warn("Dropped an unreadable message of {} bytes from the node (no id to answer): {}", length,
                    e.getMessage());
            notify(() -> drops.dropped(DropReason.UNREADABLE_INBOUND));
        }
    }

    private void refuseOversized(MessageAssembler.Message message) {
        malformedFrames.increment();
        String why = "message too large: " + message.size() + " bytes, over max-inbound-message-size";
        try {
            FrameDecoder.decode(message.bytes());
        } catch (MalformedFrameException e) {
            var reply = e.replyTo(RustResult.err(why));
            if (reply.isPresent()) {
                log.warn("Refused a {}-byte message for id={}: over max-inbound-message-size", message.size(),
                        reply.get().idString());
                notify(() -> outcomes.answered(null, Outcome.MALFORMED, 0));
                send(reply.get());
                return;
            }
        }
        log.warn("Dropped a {}-byte message from the node: over max-inbound-message-size, and no id to answer",
                message.size());
        notify(() -> drops.dropped(DropReason.UNREADABLE_INBOUND));
    }

    private static void notify(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException e) {
            log.debug("A metrics listener failed; the frame was handled regardless", e);
        }
    }
}
