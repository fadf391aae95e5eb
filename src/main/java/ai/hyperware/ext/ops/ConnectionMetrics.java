package ai.hyperware.ext.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import ai.hyperware.ext.connection.ConnectionState;
import ai.hyperware.ext.connection.ConnectionStatus;
import ai.hyperware.ext.connection.InboundFrameProcessor;
import ai.hyperware.ext.connection.ReplyOutbox;
import ai.hyperware.ext.handler.RequestDispatcher;

/**
 * The meters read from state held elsewhere, when Prometheus scrapes: whether the node is connected, requests in
 * flight, replies held, connects and malformed frames so far. Nothing is counted twice and nothing here sits on
 * the path of a frame.
 */
public final class ConnectionMetrics implements MeterBinder {

    private final ConnectionStatus status;
    private final RequestDispatcher dispatcher;
    private final ReplyOutbox outbox;
    private final InboundFrameProcessor frames;

    public ConnectionMetrics(ConnectionStatus status, RequestDispatcher dispatcher, ReplyOutbox outbox,
            InboundFrameProcessor frames) {
        this.status = status;
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.frames = frames;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("hyperware.extension.connected", status,
                s -> s.snapshot().state() == ConnectionState.CONNECTED ? 1 : 0)
                .description("1 while the session with the node is open, else 0").strongReference(true)
                .register(registry);
        Gauge.builder("hyperware.extension.in.flight", dispatcher, RequestDispatcher::inFlight)
                .description("Requests accepted and not yet answered").strongReference(true).register(registry);
        Gauge.builder("hyperware.extension.replies.held", outbox, ReplyOutbox::size)
                .description("Replies and pushes waiting to be sent, including those held across a reconnect")
                .strongReference(true).register(registry);
        FunctionCounter.builder("hyperware.extension.connects", status, s -> s.snapshot().connects())
                .tag("result", "success").description("Connection attempts to the node, by result")
                .register(registry);
        FunctionCounter.builder("hyperware.extension.connects", status, s -> s.snapshot().connectFailures())
                .tag("result", "failure").description("Connection attempts to the node, by result")
                .register(registry);
        FunctionCounter.builder("hyperware.extension.frames.malformed", frames, InboundFrameProcessor::malformedFrames)
                .description("Inbound messages that were not well-formed frames").register(registry);
    }
}
