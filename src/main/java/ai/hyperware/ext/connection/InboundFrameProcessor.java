package ai.hyperware.ext.connection;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.hyperware.ext.handler.DispatchListener;
import ai.hyperware.ext.handler.Outcome;
import ai.hyperware.ext.handler.ReplySink;
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
 * node become a small {@code Err} with the same id, since the node could not read the large one at all. Refusals
 * (malformed, over budget, overloaded) overtake the replies waiting in the outbox.
 */
public final class InboundFrameProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundFrameProcessor.class);

    private final RequestDispatcher dispatcher;
    private final ReplyOutbox outbox;
    private final InFlightBudget budget;
    private final long maxOutboundMessageSize;
    private final DispatchListener outcomes;
    private final DropListener drops;
    private final TrafficListener traffic;
    private final LongAdder malformedFrames = new LongAdder();
    private final QuietPeriod budgetWarnings = new QuietPeriod(Duration.ofSeconds(10));
    private volatile TypeFieldName nodeDialect = TypeFieldName.HYPERWARE;

    /**
     * @param outcomes, drops, traffic listeners for metrics; they must not throw, and whatever they throw is
     *                  caught and logged at DEBUG, so that instrumentation never costs a reply
     */
    public InboundFrameProcessor(RequestDispatcher dispatcher, ReplyOutbox outbox, InFlightBudget budget,
            long maxOutboundMessageSize, DispatchListener outcomes, DropListener drops, TrafficListener traffic) {
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.budget = budget;
        this.maxOutboundMessageSize = maxOutboundMessageSize;
        this.outcomes = outcomes;
        this.drops = drops;
        this.traffic = traffic;
    }

    /**
     * One complete inbound binary message. Called on the I/O thread; never blocks.
     *
     * @param reservation what the message holds of the in-flight budget (passed on to its reply); may be {@code null}
     * @param overBudget  whether the message did not fit the budget and was kept only as a prefix
     */
    void process(MessageAssembler.Message message, InFlightBudget.Reservation reservation, boolean overBudget) {
        notify(() -> traffic.received(message.size()));
        if (message.truncated()) {
            refuseTruncated(message, reservation, overBudget);
            return;
        }
        Frame request;
        try {
            request = FrameDecoder.decode(message.bytes());
        } catch (MalformedFrameException e) {
            refuseMalformed(e, message.bytes().length, reservation);
            return;
        }
        if (request.layout() == FrameLayout.NAMED) {
            nodeDialect = request.typeFieldName();
        }
        dispatcher.dispatch(request, replySink(reservation));
    }

    /** Where a request's reply goes: into the outbox with what its request reserved, refusals first in line. */
    private ReplySink replySink(InFlightBudget.Reservation reservation) {
        return (reply, outcome) -> send(reply, reservation, outcome.isRefusal());
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

    /** Queues a frame (a push, or a reply made outside a request) for the node. */
    public void send(Frame frame) {
        send(frame, null, false);
    }

    /**
     * Queues a frame, replacing it first with a small {@code Err} if the node could not read it: the requester is
     * answered either way. The frame is encoded later, as it is written (see {@link OutboxDrain}).
     */
    private void send(Frame frame, InFlightBudget.Reservation reservation, boolean refusal) {
        long size = FrameEncoder.encodedSize(frame);
        if (size > maxOutboundMessageSize) {
            log.warn("Reply to id={} is {} bytes of blob, over the node's limit of {} bytes per message; sending an "
                    + "error instead", frame.idString(), frame.blob().length, maxOutboundMessageSize);
            frame = frame.reply(RustResult.err("reply too large: " + frame.blob().length + " bytes of blob, over "
                    + "the " + maxOutboundMessageSize + "-byte message limit of the node"));
            size = FrameEncoder.encodedSize(frame);
        }
        outbox.offer(frame, (int) size, reservation, refusal);
    }

    private void refuseMalformed(MalformedFrameException e, int length, InFlightBudget.Reservation reservation) {
        malformedFrames.increment();
        var reply = e.replyTo(RustResult.err("malformed frame: " + e.getMessage()));
        if (reply.isPresent()) {
            log.warn("Malformed frame of {} bytes from the node, id={}: {}; answered with an error", length,
                    reply.get().idString(), e.getMessage());
            notify(() -> outcomes.answered(null, Outcome.MALFORMED, 0));
            send(reply.get(), reservation, true);
        } else {
            log.warn("Dropped an unreadable message of {} bytes from the node (no id to answer): {}", length,
                    e.getMessage());
            release(reservation);
            notify(() -> drops.dropped(DropReason.UNREADABLE_INBOUND));
        }
    }

    /** A message kept only as a prefix: over max-inbound-message-size, or over the in-flight budget. */
    private void refuseTruncated(MessageAssembler.Message message, InFlightBudget.Reservation reservation,
            boolean overBudget) {
        String why = overBudget
                ? "request of " + message.size() + " bytes refused: the extension's in-flight budget is spent ("
                        + budget.used() + " of " + budget.limit() + " bytes held by requests in flight, "
                        + "hyperware.extension.limits.max-in-flight-bytes); retry later"
                : "message too large: " + message.size() + " bytes, over "
                        + "hyperware.extension.limits.max-inbound-message-size";
        if (!overBudget) {
            malformedFrames.increment();
        }
        Optional<Frame> reply;
        try { // a small message refused for the budget is whole; a prefix fails to decode but may show the id
            reply = Optional.of(FrameDecoder.decode(message.bytes()).reply(RustResult.err(why)));
        } catch (MalformedFrameException e) {
            reply = e.replyTo(RustResult.err(why));
        }
        if (reply.isPresent()) {
            if (overBudget && !budgetWarnings.tryWarn()) {
                log.debug("Refused a {}-byte message for id={}: over the in-flight budget", message.size(),
                        reply.get().idString());
            } else {
                log.warn("Refused a {}-byte message for id={}: {}", message.size(), reply.get().idString(),
                        overBudget ? "over the in-flight budget (" + budget.used() + " of " + budget.limit()
                                + " bytes held; further refusals within 10 s at DEBUG)"
                                : "over max-inbound-message-size");
            }
            notify(() -> outcomes.answered(null, overBudget ? Outcome.OVERLOADED : Outcome.MALFORMED, 0));
            send(reply.get(), reservation, true);
            return;
        }
        log.warn("Dropped a {}-byte message from the node: {}, and no id to answer", message.size(),
                overBudget ? "over the in-flight budget" : "over max-inbound-message-size");
        release(reservation);
        notify(() -> drops.dropped(DropReason.UNREADABLE_INBOUND));
    }

    private static void release(InFlightBudget.Reservation reservation) {
        if (reservation != null) {
            reservation.release();
        }
    }

    private static void notify(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException e) {
            log.debug("A metrics listener failed; the frame was handled regardless", e);
        }
    }
}
