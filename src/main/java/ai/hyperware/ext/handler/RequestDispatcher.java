package ai.hyperware.ext.handler;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.InputText;

/**
 * Routes a decoded frame to its handler and answers it exactly once, whatever happens.
 *
 * <p>{@link #dispatch} never blocks and never runs a handler: it is called on the WebSocket's read thread, which
 * must keep reading (a node that cannot write to us stalls its whole HTTP server). Handlers run on the given
 * executor, at most {@code maxInFlight} at a time; past that, requests are refused at once with an {@code Err}.
 * Each request has a deadline after which it is answered with an {@code Err} and its slot is freed. Deadlines are
 * checked by one periodic sweep over the requests in flight rather than a timer task per request: scheduling and
 * cancelling a task for every request woke the timer thread thousands of times a second, for timeouts that almost
 * never fire. A deadline is therefore honoured within one sweep interval ({@code handler-timeout / 20}, at most
 * 100 ms).
 */
public final class RequestDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);
    /** A non-blocking handler that runs longer than this on the I/O thread is logged, once per handler. */
    public static final long INLINE_WARN_MILLIS = 10;
    private static final long MIN_SWEEP_MILLIS = 5;
    private static final long MAX_SWEEP_MILLIS = 100;

    private final HandlerRegistry registry;
    private final Executor executor;
    private final long timeoutNanos;
    private final Semaphore slots;
    private final int maxInFlight;
    private final Duration timeout;
    private final DispatchListener listener;
    private final Admission admission;
    /** The non-blocking handler running on the I/O thread now, if any: what a watchdog names when that thread hangs. */
    private volatile HandlerMethod runningInline;
    /** Variants of non-blocking handlers already reported for running too long. */
    private final Set<String> slowInline = ConcurrentHashMap.newKeySet();
    /** Accepted requests not yet answered, so that a shutdown can answer those it cannot wait for. */
    private final Set<Exchange> active = ConcurrentHashMap.newKeySet();
    private volatile boolean accepting = true;

    public RequestDispatcher(HandlerRegistry registry, Executor executor,
            ScheduledExecutorService timer, int maxInFlight, Duration timeout, DispatchListener listener) {
        this(registry, executor, timer, maxInFlight, timeout, listener, Admission.ALWAYS);
    }

    /** @param admission asked before each request is accepted; it may refuse it with an {@code Err} */
    public RequestDispatcher(HandlerRegistry registry, Executor executor, ScheduledExecutorService timer,
            int maxInFlight, Duration timeout, DispatchListener listener, Admission admission) {
        this.registry = registry;
        this.executor = executor;
        this.maxInFlight = maxInFlight;
        this.slots = new Semaphore(maxInFlight);
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.listener = listener;
        this.admission = admission;
        long sweepMillis = Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS, timeout.toMillis() / 20));
        timer.scheduleWithFixedDelay(this::expireOverdue, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    /** Answers every request past its deadline with an {@code Err}; runs on the timer, every sweep interval. */
    private void expireOverdue() {
        try {
            long now = System.nanoTime();
            for (Exchange exchange : active) {
                if (now - exchange.startNanos >= timeoutNanos) {
                    exchange.timedOut();
                }
            }
        } catch (RuntimeException e) { // a failure must not end the periodic task, or no timeout would fire again
            log.error("Checking request deadlines failed; will check again", e);
        }
    }

    /** Answers {@code request} through {@code replies}, now or later, exactly once. */
    public void dispatch(Frame request, ReplySink replies) {
        Exchange exchange = new Exchange(request, replies);
        RustEnumValue value;
        try {
            value = RustEnumValue.parse(request.blob(), variant -> {
                HandlerMethod handler = registry.find(variant);
                return handler != null && handler.bindsBytes();
            });
        } catch (PayloadException e) {
            log.warn("Request id={} has an unreadable blob ({} bytes): {}", request.idString(),
                    request.blob().length, e.getMessage());
            exchange.fail(null, Outcome.MALFORMED, "cannot decode request: " + e.getMessage());
            return;
        }
        HandlerMethod handler = registry.find(value.variant());
        if (handler == null) {
            String variant = InputText.quote(value.variant());
            log.warn("Request id={} names variant {}, which no handler has", request.idString(), variant);
            exchange.fail(value.variant(), Outcome.UNKNOWN_VARIANT, "no handler for variant " + variant);
            return;
        }
        if (!accepting) {
            exchange.fail(value.variant(), Outcome.SHUTTING_DOWN, "extension is shutting down");
            return;
        }
        String refusal = admission.refusal();
        if (refusal != null) {
            log.debug("Refusing request id={}: {}", request.idString(), refusal);
            exchange.fail(value.variant(), Outcome.OVERLOADED, refusal);
            return;
        }
        if (!slots.tryAcquire()) {
            log.debug("Refusing request id={}: {} requests in flight", request.idString(), maxInFlight);
            exchange.fail(value.variant(), Outcome.OVERLOADED,
                    "extension overloaded: " + maxInFlight + " requests already in flight");
            return;
        }
        exchange.start(handler, value);
    }

    /** The non-blocking handler running on the I/O thread at this moment, as {@code bean#method}, or {@code null}. */
    public String runningInline() {
        HandlerMethod running = runningInline;
        return running == null ? null : running.description();
    }

    /** Requests accepted and not yet answered. */
    public int inFlight() {
        return maxInFlight - slots.availablePermits();
    }

    /** From now on, answer new requests with an {@code Err} saying the extension is shutting down. */
    public void stopAccepting() {
        accepting = false;
    }

    /**
     * Waits until every accepted request has been answered, or the time is up.
     *
     * @return whether all were answered
     */
    public boolean awaitIdle(Duration limit) throws InterruptedException {
        if (slots.tryAcquire(maxInFlight, limit.toMillis(), TimeUnit.MILLISECONDS)) {
            slots.release(maxInFlight);
            return true;
        }
        return false;
    }

    /**
     * Answers every accepted request still unanswered with an {@code Err} carrying {@code message}, for a
     * shutdown that can wait no longer. Their handlers may still be running; what they return is discarded.
     *
     * @return how many were answered this way
     */
    public int abandonInFlight(String message) {
        int abandoned = 0;
        for (Exchange exchange : active) {
            if (exchange.fail(exchange.handler.variant(), Outcome.SHUTTING_DOWN, message)) {
                abandoned++;
            }
        }
        return abandoned;
    }

    /** One request on its way to exactly one reply. */
    private final class Exchange {
        private final Frame request;
        private final ReplySink replies;
        private final long startNanos = System.nanoTime();
        private final AtomicBoolean answered = new AtomicBoolean();
        /** Set once the request is accepted: from then on it holds a slot and has a deadline. */
        private volatile HandlerMethod handler;
        private volatile CompletableFuture<Object> result;
        /** The thread running the handler method, while it runs; guarded by this exchange's monitor. */
        private Thread runner;

        Exchange(Frame request, ReplySink replies) {
            this.request = request;
            this.replies = replies;
        }

        void start(HandlerMethod handler, RustEnumValue value) {
            this.handler = handler;
            active.add(this);
            RequestContext context = new RequestContext(request.id(), request.type(), value.variant(),
                    request.blob());
            if (!handler.blocking()) {
                runInline(handler, context, value);
                return;
            }
            try {
                executor.execute(() -> run(handler, context, value));
            } catch (RejectedExecutionException e) { // the executor is shut down: no handler will run
                fail(value.variant(), Outcome.SHUTTING_DOWN, "extension is shutting down");
            }
        }

        private void run(HandlerMethod handler, RequestContext context, RustEnumValue value) {
            synchronized (this) {
                if (answered.get()) {
                    return; // timed out while queued
                }
                runner = Thread.currentThread();
            }
            try {
                result = invoke(handler, context, value);
            } finally {
                synchronized (this) {
                    runner = null;
                    Thread.interrupted(); // a timeout that raced the return must not leak into the next task
                }
            }
            finish(handler, result);
        }

        /**
         * Runs a non-blocking handler here, on the caller's thread (the I/O thread), and times it. Its thread is never
         * interrupted: a deadline only answers the request and cancels the handler's future.
         */
        private void runInline(HandlerMethod handler, RequestContext context, RustEnumValue value) {
            long start = System.nanoTime();
            runningInline = handler;
            try {
                result = invoke(handler, context, value);
            } finally {
                runningInline = null;
            }
            long took = System.nanoTime() - start;
            if (took > TimeUnit.MILLISECONDS.toNanos(INLINE_WARN_MILLIS) && slowInline.add(handler.variant())) {
                log.warn("Non-blocking handler {} ran for {} ms on the I/O thread, over {} ms: nothing is read from or "
                        + "written to the node while it runs. Unless that was a one-off (a GC pause), declare it "
                        + "@ExtensionHandler(value = \"{}\", blocking = true). Reported once.", handler.description(),
                        TimeUnit.NANOSECONDS.toMillis(took), INLINE_WARN_MILLIS, handler.variant());
            }
            finish(handler, result);
        }

        private void finish(HandlerMethod handler, CompletableFuture<Object> result) {
            result.whenComplete((returned, thrown) -> {
                if (answered.get()) {
                    log.debug("Handler {} finished request id={} after it was answered (timed out)",
                            handler.description(), request.idString());
                    return;
                }
                try {
                    if (thrown == null) {
                        succeed(handler, returned);
                    } else {
                        handlerFailed(handler, thrown instanceof CompletionException && thrown.getCause() != null
                                ? thrown.getCause() : thrown);
                    }
                } catch (Throwable late) { // whatever failed here, the request must still be answered once
                    log.error("Answering request id={} failed", request.idString(), late);
                    fail(handler.variant(), Outcome.ERROR, "extension failed while answering: " + late);
                }
            });
        }

        private void succeed(HandlerMethod handler, Object returned) {
            byte[] blob;
            try {
                blob = handler.writeReply(returned);
            } catch (OutOfMemoryError e) {
                log.warn("Handler {} returned a value too large to encode for request id={} ({})",
                        handler.description(), request.idString(), e.toString());
                answer(handler.variant(), Outcome.ERROR, RustResult.err("cannot encode reply: out of memory; "
                        + "lower hyperware.extension.limits.max-in-flight-bytes or give the JVM more heap"));
                return;
            } catch (PayloadException e) {
                log.warn("Handler {} returned a value that cannot be encoded for request id={}: {}",
                        handler.description(), request.idString(), e.getMessage());
                answer(handler.variant(), Outcome.ERROR, RustResult.err("cannot encode reply: " + e.getMessage()));
                return;
            }
            answer(handler.variant(), Outcome.OK, blob);
        }

        private void handlerFailed(HandlerMethod handler, Throwable thrown) {
            if (thrown instanceof PayloadException) {
                log.warn("Request id={} for {} cannot be bound: {}", request.idString(), handler.description(),
                        thrown.getMessage());
                answer(handler.variant(), Outcome.MALFORMED, RustResult.err("cannot decode request: "
                        + thrown.getMessage()));
                return;
            }
            log.warn("Handler {} failed for request id={}: {}", handler.description(), request.idString(),
                    thrown.toString());
            log.debug("Handler failure", thrown);
            answer(handler.variant(), Outcome.ERROR, RustResult.err(messageOf(thrown)));
        }

        void timedOut() {
            if (answered.get()) {
                return;
            }
            log.warn("Handler {} did not answer request id={} within {}", handler.description(),
                    request.idString(), timeout);
            if (answer(handler.variant(), Outcome.TIMEOUT,
                    RustResult.err("handler " + handler.variant() + " timed out after " + timeout.toMillis() + " ms"))) {
                synchronized (this) {
                    if (runner != null) {
                        runner.interrupt(); // a handler blocked in I/O or a wait gives its thread back
                    }
                }
                CompletableFuture<Object> running = result;
                if (running != null) {
                    running.cancel(true);
                }
            }
        }

        boolean fail(String variant, Outcome outcome, String message) {
            return answer(variant, outcome, RustResult.err(message));
        }

        /** The one place a reply leaves; later attempts (a timeout racing a result) are ignored. */
        private boolean answer(String variant, Outcome outcome, byte[] blob) {
            if (!answered.compareAndSet(false, true)) {
                return false;
            }
            // counted before the reply leaves, so that whoever has the reply also sees it in the metrics
            try {
                listener.answered(variant, outcome, System.nanoTime() - startNanos);
            } catch (RuntimeException e) {
                log.debug("Dispatch listener failed; the reply is sent regardless", e);
            }
            try {
                replies.reply(request.reply(blob), outcome);
            } finally {
                if (handler != null) {
                    // only now: a shutdown waiting for idle must find this reply already queued for sending
                    active.remove(this);
                    slots.release();
                }
            }
            return true;
        }
    }

    /**
     * Calls a handler; whatever it throws, an {@code Error} too (out of memory, stack overflow), becomes the result,
     * so that the request still gets its reply.
     */
    private static CompletableFuture<Object> invoke(HandlerMethod handler, RequestContext context,
            RustEnumValue value) {
        try {
            return handler.invoke(context, value);
        } catch (Throwable thrown) {
            return CompletableFuture.failedFuture(thrown);
        }
    }

    private static String messageOf(Throwable thrown) {
        String message = thrown.getMessage();
        return message == null || message.isBlank() ? thrown.getClass().getSimpleName() : message;
    }
}
