package ai.hyperware.ext.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import ai.hyperware.ext.connection.DropListener;
import ai.hyperware.ext.connection.DropReason;
import ai.hyperware.ext.connection.TrafficListener;
import ai.hyperware.ext.handler.DispatchListener;
import ai.hyperware.ext.handler.Outcome;

/**
 * The event-driven meters: one timer sample per answered request, one count per dropped frame, one size sample per
 * message. Meters are created once and cached, so the hot path is a map lookup, an array read and an atomic add,
 * with nothing allocated.
 *
 * <p>The {@code variant} tag takes only the variants that have a handler: an unknown variant is tagged
 * {@code unknown} and an unreadable request {@code none}, because the node (or garbage on the wire) must not be
 * able to create time series at will.
 */
public final class RequestMetrics implements MeterBinder, DispatchListener, DropListener, TrafficListener {

    static final String REQUESTS = "hyperware.extension.requests";
    static final String DROPPED = "hyperware.extension.replies.dropped";
    static final String MESSAGE_SIZE = "hyperware.extension.message.size";
    static final String REPLY_WAIT = "hyperware.extension.reply.wait";

    private final Predicate<String> hasHandler;
    /** Per variant tag, the timers by {@link Outcome#ordinal()}, created on first use. */
    private final Map<String, Timer[]> timers = new ConcurrentHashMap<>();
    private final Map<DropReason, Counter> drops = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;
    private volatile DistributionSummary inbound;
    private volatile DistributionSummary outbound;
    private volatile Timer refusalWait;
    private volatile Timer replyWait;

    /** @param hasHandler whether a variant has a handler; others are tagged {@code unknown} */
    public RequestMetrics(Predicate<String> hasHandler) {
        this.hasHandler = hasHandler;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        for (DropReason reason : DropReason.values()) { // present at zero, so that alerts on rate() work at once
            drops.put(reason, Counter.builder(DROPPED).tag("reason", reason.tag())
                    .description("Frames not delivered: replies and pushes dropped, unreadable inbound messages")
                    .register(registry));
        }
        inbound = messageSize(registry, "inbound");
        outbound = messageSize(registry, "outbound");
        refusalWait = replyWait(registry, "refusal");
        replyWait = replyWait(registry, "reply");
    }

    @Override
    public void answered(String variant, Outcome outcome, long elapsedNanos) {
        MeterRegistry target = registry;
        if (target == null) {
            return;
        }
        String variantTag = variant == null ? "none" : hasHandler.test(variant) ? variant : "unknown";
        Timer[] byOutcome = timers.computeIfAbsent(variantTag, key -> new Timer[Outcome.values().length]);
        Timer timer = byOutcome[outcome.ordinal()];
        if (timer == null) { // a race registers the same meter twice; Micrometer returns the one it has
            timer = Timer.builder(REQUESTS).tag("variant", variantTag).tag("outcome", outcome.name().toLowerCase())
                    .description("Requests answered, from receipt to reply, by variant and outcome")
                    .register(target);
            byOutcome[outcome.ordinal()] = timer;
        }
        timer.record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void dropped(DropReason reason) {
        Counter counter = drops.get(reason);
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void received(long bytes) {
        DistributionSummary summary = inbound;
        if (summary != null) {
            summary.record(bytes);
        }
    }

    @Override
    public void sent(long bytes) {
        DistributionSummary summary = outbound;
        if (summary != null) {
            summary.record(bytes);
        }
    }

    @Override
    public void waited(boolean refusal, long waitedNanos) {
        Timer timer = refusal ? refusalWait : replyWait;
        if (timer != null) {
            timer.record(waitedNanos, TimeUnit.NANOSECONDS);
        }
    }

    private static Timer replyWait(MeterRegistry registry, String kind) {
        return Timer.builder(REPLY_WAIT).tag("kind", kind)
                .description("Time frames waited in the outbox until written to the socket: refusals, which go "
                        + "first, and replies (and pushes)")
                .register(registry);
    }

    private static DistributionSummary messageSize(MeterRegistry registry, String direction) {
        return DistributionSummary.builder(MESSAGE_SIZE).baseUnit("bytes").tag("direction", direction)
                .description("Sizes of whole WebSocket messages exchanged with the node")
                .register(registry);
    }
}
